package com.chirpchat.application.chat;

import java.util.List;
import java.util.UUID;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.fakes.TestApp;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.common.Reason;
import com.chirpchat.domain.common.RuleViolationException;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.user.User;
import com.chirpchat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatServicesTest {
    private final TestApp app = new TestApp();
    private final User ada = app.user("ada");
    private final User bob = app.user("bob");
    private final User cid = app.user("cid");

    @Test
    void theCreatorOwnsTheChatAndEveryMemberIsAnnounced() {
        Chat chat = app.createChat.create(CreateChatCommand.of(ada.id(), "Plans", List.of(bob.id(), ada.id(), bob.id())));
        assertThat(chat.members()).containsExactly(new Membership(ada.id(), Role.OWNER), new Membership(bob.id(), Role.MEMBER));
        assertThat(app.fanout.published).extracting(ChatEvent::seq).containsExactly(1L, 2L);
        assertThat(app.fanout.published.get(0).data()).isEqualTo(new EventData.MemberAdded(ada.id(), Role.OWNER));
    }

    @Test
    void unknownMembersAreRefusedAndNothingIsCreated() {
        UserId ghost = new UserId(UUID.randomUUID());
        assertThatThrownBy(() -> app.createChat.create(CreateChatCommand.of(ada.id(), "Plans", List.of(ghost))))
                .isInstanceOfSatisfying(UseCaseException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).contains(ghost.toString());
                });
        assertThat(app.viewChats.chatsOf(ada.id())).isEmpty();
        assertThat(app.fanout.published).isEmpty();
    }

    @Test
    void onlyMembersSeeAChat() {
        Chat chat = app.chat(ada, bob);
        assertThat(app.viewChats.chat(bob.id(), chat.id()).id()).isEqualTo(chat.id());
        assertThatThrownBy(() -> app.viewChats.chat(cid.id(), chat.id()))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_MEMBER));
        assertThatThrownBy(() -> app.viewChats.chat(ada.id(), new ChatId(UUID.randomUUID())))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(app.viewChats.chatsOf(cid.id())).isEmpty();
    }

    @Test
    void ownersAddMembersAndEveryoneHearsOfIt() {
        Chat chat = app.chat(ada, bob);
        app.addMember.add(new AddMemberCommand(ada.id(), chat.id(), cid.id(), Role.ADMIN));
        assertThat(app.viewChats.chat(cid.id(), chat.id()).roleOf(cid.id())).hasValue(Role.ADMIN);
        ChatEvent last = app.fanout.published.getLast();
        assertThat(last.seq()).isEqualTo(3);
        assertThat(last.data()).isEqualTo(new EventData.MemberAdded(cid.id(), Role.ADMIN));
    }

    @Test
    void plainMembersCannotAddAndNothingChanges() {
        Chat chat = app.chat(ada, bob);
        assertThatThrownBy(() -> app.addMember.add(new AddMemberCommand(bob.id(), chat.id(), cid.id(), Role.MEMBER)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN));
        assertThat(app.store.chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(2);
    }

    @Test
    void addingAGhostIsInvalidButOnlyForThoseAllowedToAdd() {
        Chat chat = app.chat(ada, bob);
        UserId ghost = new UserId(UUID.randomUUID());
        assertThatThrownBy(() -> app.addMember.add(new AddMemberCommand(ada.id(), chat.id(), ghost, Role.MEMBER)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID);
                    assertThat(ErrorCode.of(e.reason())).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).isEqualTo("userId: no such user");
                });
        assertThatThrownBy(() -> app.addMember.add(new AddMemberCommand(cid.id(), chat.id(), ghost, Role.MEMBER)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_MEMBER));
    }

    @Test
    void membersLeaveButTheLastOwnerStaysWhileOthersRemain() {
        Chat chat = app.chat(ada, bob);
        assertThatThrownBy(() -> app.removeMember.remove(ada.id(), chat.id(), ada.id()))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
        app.removeMember.remove(bob.id(), chat.id(), bob.id());
        assertThat(app.viewChats.chatsOf(bob.id())).isEmpty();
        assertThat(app.fanout.published.getLast().data()).isEqualTo(new EventData.MemberRemoved(bob.id(), Role.MEMBER));
        app.removeMember.remove(ada.id(), chat.id(), ada.id());
        assertThat(app.viewChats.chatsOf(ada.id())).isEmpty();
    }
}
