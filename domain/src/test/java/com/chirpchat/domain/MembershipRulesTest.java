package com.chirpchat.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.ChatTitle;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.common.Decision;
import com.chirpchat.domain.common.Reason;
import com.chirpchat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static com.chirpchat.domain.chat.MembershipRules.mayAddMember;
import static com.chirpchat.domain.chat.MembershipRules.mayDeleteMessage;
import static com.chirpchat.domain.chat.MembershipRules.mayRead;
import static com.chirpchat.domain.chat.MembershipRules.mayRemoveMember;
import static org.assertj.core.api.Assertions.assertThat;

class MembershipRulesTest {
    private final UserId owner = user();
    private final UserId admin = user();
    private final UserId member = user();
    private final UserId member2 = user();
    private final UserId stranger = user();
    private final Chat chat = chat(new Membership(owner, Role.OWNER), new Membership(admin, Role.ADMIN),
                                   new Membership(member, Role.MEMBER), new Membership(member2, Role.MEMBER));

    @Test
    void onlyMembersRead() {
        assertThat(mayRead(chat, member).isAllowed()).isTrue();
        assertThat(reason(mayRead(chat, stranger))).isEqualTo(Reason.NOT_A_MEMBER);
    }

    @Test
    void ownersAndAdminsAddMembers() {
        assertThat(mayAddMember(chat, owner, stranger, Role.MEMBER).isAllowed()).isTrue();
        assertThat(mayAddMember(chat, admin, stranger, Role.ADMIN).isAllowed()).isTrue();
        assertThat(reason(mayAddMember(chat, member, stranger, Role.MEMBER))).isEqualTo(Reason.FORBIDDEN);
        assertThat(reason(mayAddMember(chat, stranger, user(), Role.MEMBER))).isEqualTo(Reason.NOT_A_MEMBER);
    }

    @Test
    void onlyOwnersMakeOwners() {
        assertThat(mayAddMember(chat, owner, stranger, Role.OWNER).isAllowed()).isTrue();
        assertThat(reason(mayAddMember(chat, admin, stranger, Role.OWNER))).isEqualTo(Reason.FORBIDDEN);
    }

    @Test
    void addingAMemberTwiceIsAConflict() {
        assertThat(reason(mayAddMember(chat, owner, member, Role.MEMBER))).isEqualTo(Reason.CONFLICT);
    }

    @Test
    void removalFollowsRank() {
        assertThat(mayRemoveMember(chat, owner, admin).isAllowed()).isTrue();
        assertThat(mayRemoveMember(chat, admin, member).isAllowed()).isTrue();
        assertThat(reason(mayRemoveMember(chat, admin, owner))).isEqualTo(Reason.FORBIDDEN);
        assertThat(reason(mayRemoveMember(chat, member, member2))).isEqualTo(Reason.FORBIDDEN);
        assertThat(reason(mayRemoveMember(chat, stranger, member))).isEqualTo(Reason.NOT_A_MEMBER);
        assertThat(reason(mayRemoveMember(chat, owner, stranger))).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void everyoneMayLeaveButTheLastOwnerWhileOthersRemain() {
        assertThat(mayRemoveMember(chat, member, member).isAllowed()).isTrue();
        assertThat(mayRemoveMember(chat, admin, admin).isAllowed()).isTrue();
        assertThat(reason(mayRemoveMember(chat, owner, owner))).isEqualTo(Reason.CONFLICT);

        Chat twoOwners = chat(new Membership(owner, Role.OWNER), new Membership(admin, Role.OWNER));
        assertThat(mayRemoveMember(twoOwners, owner, owner).isAllowed()).isTrue();

        Chat alone = chat(new Membership(owner, Role.OWNER));
        assertThat(mayRemoveMember(alone, owner, owner).isAllowed()).isTrue();
    }

    @Test
    void authorsAndModeratorsDeleteMessages() {
        assertThat(mayDeleteMessage(chat, member, member).isAllowed()).isTrue();
        assertThat(mayDeleteMessage(chat, admin, member).isAllowed()).isTrue();
        assertThat(mayDeleteMessage(chat, owner, admin).isAllowed()).isTrue();
        assertThat(reason(mayDeleteMessage(chat, member2, member))).isEqualTo(Reason.FORBIDDEN);
        assertThat(reason(mayDeleteMessage(chat, stranger, stranger))).isEqualTo(Reason.NOT_A_MEMBER);
    }

    private static Reason reason(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Rejected.class);
        return ((Decision.Rejected) decision).reason();
    }

    private static Chat chat(Membership... members) {
        return new Chat(new ChatId(UUID.randomUUID()), new ChatTitle("t"), Instant.EPOCH, List.of(members), 0);
    }

    private static UserId user() {
        return new UserId(UUID.randomUUID());
    }
}
