package com.chirpchat.domain.ledger;

import java.util.List;
import java.util.UUID;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.ChatTitle;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.common.Reason;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static com.chirpchat.domain.ledger.MessageDecisionsTest.reason;
import static com.chirpchat.domain.ledger.States.T0;
import static org.assertj.core.api.Assertions.assertThat;

class MembershipDecisionsTest {
    private final ChatId chat = new ChatId(UUID.randomUUID());
    private final UserId ada = States.user();
    private final UserId bob = States.user();
    private final UserId cid = States.user();

    @Test
    void aFoundedChatNumbersItsMembersInIdOrderAfterTheOwner() {
        UserId low = new UserId(new UUID(0, 1));
        UserId high = new UserId(new UUID(0, 2));
        FoundedChat founded = FoundedChat.found(chat, new ChatTitle("Plans"), T0, ada, List.of(high, ada, low, high));
        List<Membership> expected = List.of(new Membership(ada, Role.OWNER), new Membership(low, Role.MEMBER),
                                            new Membership(high, Role.MEMBER));
        assertThat(founded.chat().members()).containsExactlyElementsOf(expected);
        assertThat(founded.chat().lastSeq()).isEqualTo(3);
        assertThat(founded.changes().events()).containsExactly(
                new ChatEvent(chat, 1, T0, new EventData.MemberAdded(ada, Role.OWNER)),
                new ChatEvent(chat, 2, T0, new EventData.MemberAdded(low, Role.MEMBER)),
                new ChatEvent(chat, 3, T0, new EventData.MemberAdded(high, Role.MEMBER)));
        assertThat(founded.changes().writes()).containsExactly(
                new ChatWrite.InsertMember(expected.get(0), T0, 1), new ChatWrite.InsertMember(expected.get(1), T0, 2),
                new ChatWrite.InsertMember(expected.get(2), T0, 3));
    }

    @Test
    void anAddedMemberJoinsWithTheNextSeq() {
        ChatState state = States.chat(chat, 4).member(ada, Role.OWNER).outsider(cid).build();
        AddMember add = new AddMember(chat, ada, new Membership(cid, Role.ADMIN), true, T0);
        assertThat(add.concerns()).isEqualTo(Concerns.NONE.member(ada).member(cid));
        Outcome.Accepted<Membership> done = add.decide(state).orThrow();
        assertThat(done.changes().writes()).containsExactly(new ChatWrite.InsertMember(new Membership(cid, Role.ADMIN), T0, 5));
        assertThat(done.changes().events()).containsExactly(new ChatEvent(chat, 5, T0, new EventData.MemberAdded(cid, Role.ADMIN)));
        assertThat(done.after().roster().roleOf(cid)).hasValue(Role.ADMIN);
        assertThat(reason(add.decide(done.after()))).as("added twice").isEqualTo(Reason.CONFLICT);
    }

    @Test
    void rightsComeBeforeTheAccountSoOutsidersLearnNothing() {
        ChatState state = States.chat(chat, 2).member(ada, Role.OWNER).member(bob, Role.MEMBER).outsider(cid).build();
        assertThat(new AddMember(chat, ada, new Membership(cid, Role.MEMBER), false, T0).decide(state))
                .isEqualTo(Outcome.rejected(Reason.INVALID, "userId: no such user"));
        assertThat(reason(new AddMember(chat, bob, new Membership(cid, Role.MEMBER), false, T0).decide(state))).isEqualTo(Reason.FORBIDDEN);
        ChatState outside = States.chat(chat, 2).outsider(cid).outsider(bob).build();
        assertThat(reason(new AddMember(chat, cid, new Membership(bob, Role.MEMBER), false, T0).decide(outside))).isEqualTo(Reason.NOT_A_MEMBER);
    }

    @Test
    void removalCarriesTheRoleAndOnlyLeavingAsksForCounts() {
        RemoveMember kick = new RemoveMember(chat, ada, bob, T0);
        assertThat(kick.concerns().counts()).isFalse();
        ChatState state = States.chat(chat, 3).member(ada, Role.OWNER).member(bob, Role.ADMIN).build();
        Outcome.Accepted<Membership> done = kick.decide(state).orThrow();
        assertThat(done.result()).isEqualTo(new Membership(bob, Role.ADMIN));
        assertThat(done.changes().writes()).containsExactly(new ChatWrite.DeleteMember(bob));
        assertThat(done.changes().events()).containsExactly(new ChatEvent(chat, 4, T0, new EventData.MemberRemoved(bob, Role.ADMIN)));

        RemoveMember leave = new RemoveMember(chat, ada, ada, T0);
        assertThat(leave.concerns().counts()).isTrue();
        ChatState others = States.chat(chat, 3).member(ada, Role.OWNER).counts(1, 2).build();
        assertThat(reason(leave.decide(others))).as("the last owner stays while others remain").isEqualTo(Reason.CONFLICT);
        ChatState alone = States.chat(chat, 3).member(ada, Role.OWNER).counts(1, 1).build();
        assertThat(leave.decide(alone).orThrow().after().roster().memberCount()).isZero();
    }

    @Test
    void removalFailsTheMembersUploadsStillUnderWayBeforeTheyGo() {
        RemoveMember kick = new RemoveMember(chat, ada, bob, T0);
        assertThat(kick.concerns().uploadsOf()).containsExactly(bob);
        com.chirpchat.domain.message.MessageId waitingId = States.messageId();
        com.chirpchat.domain.message.Message waiting = com.chirpchat.domain.message.Message.media(waitingId, chat, 2, bob,
                com.chirpchat.domain.media.MediaAsset.uploading(com.chirpchat.domain.media.ResourceType.IMAGE, "chats/" + chat + "/" + waitingId), T0);
        com.chirpchat.domain.message.MessageId adasId = States.messageId();
        com.chirpchat.domain.message.Message adas = com.chirpchat.domain.message.Message.media(adasId, chat, 3, ada,
                com.chirpchat.domain.media.MediaAsset.uploading(com.chirpchat.domain.media.ResourceType.IMAGE, "chats/" + chat + "/" + adasId), T0);
        ChatState state = States.chat(chat, 3).member(ada, Role.OWNER).member(bob, Role.MEMBER).message(waiting).message(adas).build();
        Outcome.Accepted<Membership> done = kick.decide(state).orThrow();
        com.chirpchat.domain.message.Message failed = done.after().message(waitingId).orElseThrow();
        assertThat(failed.media().orElseThrow().failureReason()).hasValue("the uploader was removed from the chat");
        assertThat(done.changes().events()).containsExactly(new ChatEvent(chat, 4, T0, new EventData.MediaFailed(failed)),
                                                            new ChatEvent(chat, 5, T0, new EventData.MemberRemoved(bob, Role.MEMBER)));
        assertThat(done.changes().writes()).contains(new ChatWrite.QueueAssetDeletion(waiting.media().orElseThrow().assetKey(),
                com.chirpchat.domain.media.ResourceType.IMAGE, T0));
        assertThat(done.after().message(adasId)).contains(adas);
    }
}
