package com.chirpchat.domain.ledger;

import java.time.Instant;
import java.util.Objects;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.MembershipRules;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.common.Decision;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.user.UserId;

/**
 * {@code actor} removes {@code member} from the chat, or leaves it when they are the same
 * ({@code member_removed}, with the role the member had). The result is the membership that ended.
 */
public record RemoveMember(ChatId chatId, UserId actor, UserId member, Instant at) implements ChatCommand<Membership> {
    public RemoveMember {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public Concerns concerns() {
        Concerns concerns = Concerns.NONE.member(actor).member(member);
        // only leaving asks how many owners and members remain
        return actor.equals(member) ? concerns.withCounts() : concerns;
    }

    @Override
    public Outcome<Membership> decide(ChatState state) {
        Recorder recorder = Recorder.on(state, chatId);
        if (MembershipRules.mayRemoveMember(state.roster(), actor, member) instanceof Decision.Rejected no) {
            return Outcome.rejected(no);
        }
        Role role = state.roster().roleOf(member).orElseThrow();
        recorder.emit(at, new EventData.MemberRemoved(member, role));
        recorder.write(new ChatWrite.DeleteMember(member));
        recorder.update(s -> s.withRoster(s.roster().without(member)));
        return recorder.accept(new Membership(member, role));
    }
}
