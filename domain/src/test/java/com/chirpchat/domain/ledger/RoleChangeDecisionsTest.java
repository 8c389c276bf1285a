package com.chirpchat.domain.ledger;

import static com.chirpchat.domain.ledger.MessageDecisionsTest.reason;
import static com.chirpchat.domain.ledger.States.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.common.Reason;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.event.LoggedEvent;
import com.chirpchat.domain.user.UserId;

import org.junit.jupiter.api.Test;

/** PATCH /chats/{id}/members/{userId}: who may give which role, and the last owner's hand-over. */
class RoleChangeDecisionsTest {
    private final ChatId chat = new ChatId(UUID.randomUUID());
    private final UserId owner = States.user();
    private final UserId admin = States.user();
    private final UserId member = States.user();
    private final UserId outsider = States.user();

    private ChatState state() {
        return States.chat(chat, 3).member(owner, Role.OWNER).member(admin, Role.ADMIN).member(member, Role.MEMBER)
                .outsider(outsider).build();
    }

    @Test
    void anOwnerMakesAMemberAnOwnerWithOneEventAndTheLastOwnerMayThenStepDown() {
        ChangeRole promote = new ChangeRole(chat, owner, member, Role.OWNER, T0);
        assertThat(promote.concerns()).isEqualTo(Concerns.NONE.member(owner).member(member));
        Outcome.Accepted<Membership> done = promote.decide(state()).orThrow();
        assertThat(done.result()).isEqualTo(new Membership(member, Role.OWNER));
        assertThat(done.changes().writes()).containsExactly(new ChatWrite.ChangeMemberRole(new Membership(member, Role.OWNER)));
        assertThat(done.changes().events())
                .containsExactly(new ChatEvent(chat, 4, T0, new EventData.MemberRoleChanged(member, Role.OWNER)));
        assertThat(done.after().roster().roleOf(member)).hasValue(Role.OWNER);

        ChangeRole stepDown = new ChangeRole(chat, owner, owner, Role.ADMIN, T0);
        assertThat(stepDown.concerns().counts()).isTrue();
        ChatState twoOwners = States.chat(chat, 4).member(owner, Role.OWNER).counts(2, 3).build();
        assertThat(stepDown.decide(twoOwners).orThrow().after().roster().ownerCount()).isEqualTo(1);
    }

    @Test
    void theLastOwnerCannotStepDown() {
        ChangeRole stepDown = new ChangeRole(chat, owner, owner, Role.MEMBER, T0);
        ChatState lastOwner = States.chat(chat, 3).member(owner, Role.OWNER).counts(1, 3).build();
        assertThat(reason(stepDown.decide(lastOwner))).isEqualTo(Reason.CONFLICT);
        ChatState alone = States.chat(chat, 1).member(owner, Role.OWNER).counts(1, 1).build();
        assertThat(reason(stepDown.decide(alone))).as("a chat is never left without an owner").isEqualTo(Reason.CONFLICT);
    }

    @Test
    void rightsFollowTheRulesForAdding() {
        ChatState state = state();
        assertThat(reason(new ChangeRole(chat, admin, member, Role.OWNER, T0).decide(state))).isEqualTo(Reason.FORBIDDEN);
        assertThat(reason(new ChangeRole(chat, admin, owner, Role.MEMBER, T0).decide(state))).isEqualTo(Reason.FORBIDDEN);
        assertThat(reason(new ChangeRole(chat, member, member, Role.ADMIN, T0).decide(state))).isEqualTo(Reason.FORBIDDEN);
        assertThat(reason(new ChangeRole(chat, outsider, member, Role.ADMIN, T0).decide(state))).isEqualTo(Reason.NOT_A_MEMBER);
        assertThat(reason(new ChangeRole(chat, owner, outsider, Role.ADMIN, T0).decide(state))).isEqualTo(Reason.NOT_FOUND);
        assertThat(new ChangeRole(chat, admin, member, Role.ADMIN, T0).decide(state).orThrow().result())
                .isEqualTo(new Membership(member, Role.ADMIN));
        ChatState admins = States.chat(chat, 3).member(admin, Role.ADMIN).member(member, Role.ADMIN).build();
        assertThat(reason(new ChangeRole(chat, admin, member, Role.MEMBER, T0).decide(admins)))
                .as("admins do not demote other admins").isEqualTo(Reason.FORBIDDEN);
        ChatState self = States.chat(chat, 3).member(admin, Role.ADMIN).counts(1, 3).build();
        assertThat(new ChangeRole(chat, admin, admin, Role.MEMBER, T0).decide(self).orThrow().changes().events()).hasSize(1);
    }

    @Test
    void theSameRoleAgainChangesNothing() {
        Outcome.Accepted<Membership> same = new ChangeRole(chat, owner, admin, Role.ADMIN, T0).decide(state()).orThrow();
        assertThat(same.result()).isEqualTo(new Membership(admin, Role.ADMIN));
        assertThat(same.changes().events()).isEmpty();
        assertThat(same.changes().writes()).isEmpty();
    }

    @Test
    void theLogKeepsTheNewRole() {
        ChatEvent event = new ChatEvent(chat, 9, T0, new EventData.MemberRoleChanged(member, Role.ADMIN));
        assertThat(LoggedEvent.of(event).replay(java.util.Optional.empty())).isEqualTo(event);
    }
}
