package com.chirpchat.domain.ledger;

import java.time.Instant;
import java.util.Objects;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.MembershipRules;
import com.chirpchat.domain.common.Decision;
import com.chirpchat.domain.common.Reason;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.user.UserId;

/**
 * {@code actor} adds someone to the chat ({@code member_added}). The actor's rights are checked first, so an
 * outsider learns nothing about which user ids exist; {@code hasAccount} says whether the newcomer has one.
 */
public record AddMember(ChatId chatId, UserId actor, Membership newcomer, boolean hasAccount, Instant at)
        implements ChatCommand<Membership> {
    public AddMember {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(newcomer, "newcomer");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public Concerns concerns() {
        return Concerns.NONE.member(actor).member(newcomer.userId());
    }

    @Override
    public Outcome<Membership> decide(ChatState state) {
        Recorder recorder = Recorder.on(state, chatId);
        Decision may = MembershipRules.mayAddMember(state.roster(), actor, newcomer.userId(), newcomer.role());
        if (may instanceof Decision.Rejected no) {
            return Outcome.rejected(no);
        }
        if (!hasAccount) {
            return Outcome.rejected(Reason.INVALID, "userId: no such user");
        }
        ChatEvent added = recorder.emit(at, new EventData.MemberAdded(newcomer.userId(), newcomer.role()));
        recorder.write(new ChatWrite.InsertMember(newcomer, at, added.seq()));
        recorder.update(s -> s.withRoster(s.roster().with(newcomer)));
        return recorder.accept(newcomer);
    }
}
