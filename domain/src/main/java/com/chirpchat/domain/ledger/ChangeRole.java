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
 * {@code actor} gives {@code member} a new role ({@code member_role_changed}, with the new role). The result is the
 * membership as it now is; giving someone the role they have already changes nothing and emits nothing.
 */
public record ChangeRole(ChatId chatId, UserId actor, UserId member, Role role, Instant at)
        implements ChatCommand<Membership> {
    public ChangeRole {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public Concerns concerns() {
        Concerns concerns = Concerns.NONE.member(actor).member(member);
        // only an owner stepping down asks how many owners remain: demoting another owner leaves the actor one
        return actor.equals(member) ? concerns.withCounts() : concerns;
    }

    @Override
    public Outcome<Membership> decide(ChatState state) {
        Recorder recorder = Recorder.on(state, chatId);
        if (MembershipRules.mayChangeRole(state.roster(), actor, member, role) instanceof Decision.Rejected no) {
            return Outcome.rejected(no);
        }
        Membership changed = new Membership(member, role);
        if (state.roster().roleOf(member).orElseThrow() == role) {
            return recorder.accept(changed);
        }
        recorder.emit(at, new EventData.MemberRoleChanged(member, role));
        recorder.write(new ChatWrite.ChangeMemberRole(changed));
        recorder.update(s -> s.withRoster(s.roster().withRole(changed)));
        return recorder.accept(changed);
    }
}
