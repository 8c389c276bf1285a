package com.chirpchat.application.message;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.chirpchat.application.chat.AddMemberCommand;
import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.fakes.TestApp;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.common.Reason;
import com.chirpchat.domain.common.RuleViolationException;
import com.chirpchat.domain.event.ChatEventType;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageServicesTest {
    private final TestApp app = new TestApp();
    private final User ada = app.user("ada");
    private final User bob = app.user("bob");
    private final User eve = app.user("eve");
    private final Chat chat = app.chat(ada, bob);

    @Test
    void postingStoresAndPublishesTheMessage() {
        PostedMessage posted = app.postMessage.post(PostMessageCommand.of(bob.id(), chat.id(), "hi all", null));
        assertThat(posted.created()).isTrue();
        assertThat(posted.message().seq()).isEqualTo(3);
        assertThat(posted.message().createdAt()).isEqualTo(app.clock.instant());
        assertThat(app.fanout.published.getLast().data()).isEqualTo(new EventData.MessageCreated(posted.message()));
    }

    @Test
    void outsidersCannotPost() {
        assertThatThrownBy(() -> app.postMessage.post(PostMessageCommand.of(eve.id(), chat.id(), "let me in", null)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_MEMBER));
        assertThatThrownBy(() -> app.postMessage.post(PostMessageCommand.of(ada.id(), new ChatId(UUID.randomUUID()), "?", null)))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(app.store.chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(2);
    }

    @Test
    void aRepeatedClientMessageIdReturnsTheFirstMessage() {
        PostedMessage first = app.postMessage.post(PostMessageCommand.of(bob.id(), chat.id(), "once", "c-42"));
        PostedMessage again = app.postMessage.post(PostMessageCommand.of(bob.id(), chat.id(), "once (retry)", "c-42"));
        assertThat(again.created()).isFalse();
        assertThat(again.message()).isEqualTo(first.message());
        assertThat(app.fanout.published).filteredOn(e -> e.type() == ChatEventType.MESSAGE_CREATED).hasSize(1);
        // the same id from someone else is someone else's message
        assertThat(app.postMessage.post(PostMessageCommand.of(ada.id(), chat.id(), "mine", "c-42")).created()).isTrue();
    }

    @Test
    void concurrentRetriesCreateOneMessage() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<PostedMessage>> retries = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                retries.add(() -> app.postMessage.post(PostMessageCommand.of(bob.id(), chat.id(), "flaky network", "c-1")));
            }
            List<MessageId> ids = new ArrayList<>();
            int created = 0;
            for (Future<PostedMessage> f : pool.invokeAll(retries, 1, TimeUnit.MINUTES)) {
                ids.add(f.get().message().id());
                created += f.get().created() ? 1 : 0;
            }
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void historyPagesBackwardsWithACursor() {
        for (int i = 1; i <= 5; i++) {
            app.postMessage.post(PostMessageCommand.of(ada.id(), chat.id(), "m" + i, null));
        }
        MessagePage first = app.listMessages.messages(bob.id(), chat.id(), OptionalLong.empty(), OptionalInt.of(3));
        assertThat(first.items()).extracting(m -> m.text().orElseThrow().value()).containsExactly("m5", "m4", "m3");
        assertThat(first.nextBefore()).hasValue(first.items().get(2).seq());
        MessagePage second = app.listMessages.messages(bob.id(), chat.id(), first.nextBefore(), OptionalInt.of(3));
        assertThat(second.items()).extracting(m -> m.text().orElseThrow().value()).containsExactly("m2", "m1");
        assertThat(second.nextBefore()).isEmpty();
        assertThatThrownBy(() -> app.listMessages.messages(bob.id(), chat.id(), OptionalLong.empty(), OptionalInt.of(0)))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> app.listMessages.messages(eve.id(), chat.id(), OptionalLong.empty(), OptionalInt.empty()))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_MEMBER));
    }

    @Test
    void authorsAndModeratorsDeleteOthersDoNot() {
        Message bobs = app.postMessage.post(PostMessageCommand.of(bob.id(), chat.id(), "oops", null)).message();
        app.addMember.add(new AddMemberCommand(ada.id(), chat.id(), eve.id(), Role.MEMBER));
        assertThatThrownBy(() -> app.deleteMessage.delete(eve.id(), bobs.id()))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN));
        app.deleteMessage.delete(ada.id(), bobs.id());
        Message tombstone = app.store.message(bobs.id()).orElseThrow();
        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.text()).isEmpty();
        assertThat(app.fanout.published.getLast().data()).isEqualTo(new EventData.MessageDeleted(bobs.id()));
    }

    @Test
    void deletingTwiceChangesNothingTheSecondTime() {
        Message mine = app.postMessage.post(PostMessageCommand.of(bob.id(), chat.id(), "bye", null)).message();
        app.deleteMessage.delete(bob.id(), mine.id());
        int events = app.fanout.published.size();
        app.deleteMessage.delete(bob.id(), mine.id());
        assertThat(app.fanout.published).hasSize(events);
        assertThatThrownBy(() -> app.deleteMessage.delete(bob.id(), new MessageId(UUID.randomUUID())))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
