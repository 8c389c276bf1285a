package com.chirpchat.adapters.persistence;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.ledger.PostText;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A chat whose row lock someone else holds and does not let go of (another instance, frozen in its transaction):
 * our changes to that chat must give up in bounded time as "unavailable" (a 503 the client may retry) and change
 * nothing, and they must not take the pool from changes to other chats or from the readiness check.
 */
abstract class ContentionTest extends DatabaseTestBase {
    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    static PostText post(Chat chat, User author, String clientId) {
        return new PostText(chat.id(), author.id(), new MessageId(UUID.randomUUID()), new MessageText("hi"),
                            Optional.of(new ClientMessageId(clientId)), T0);
    }

    @Test
    void aChangeThatCannotHaveTheChatInTimeIsUnavailableAndChangesNothing() throws Exception {
        JdbcStore store = instance(Map.of("lock-timeout", "PT0.5S")).store();
        User ada = StoreBehaviourTest.registered(store, "ada");
        Chat chat = StoreBehaviourTest.newChat(store, ada);
        Connection holder = holdChat(chat);

        Future<?> refused = threads.submit(() -> store.apply(post(chat, ada, "c-1")));
        Throwable failure = failureWithin(refused, Duration.ofSeconds(10));
        assertThat(failure).isInstanceOf(UseCaseException.class);
        assertThat(((UseCaseException) failure).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(((UseCaseException) failure).retryAfter()).isPresent();

        holder.rollback();
        // the refused change left no trace: the retry with the same client id is the first message
        var retried = store.apply(post(chat, ada, "c-1"));
        assertThat(retried.result().created()).isTrue();
        assertThat(retried.result().message().seq()).isEqualTo(chat.lastSeq() + 1);
    }

    @Test
    void oneBusyChatLeavesThePoolToOtherChatsAndTheReadinessCheck() throws Exception {
        Persistence persistence = instance(Map.of("pool-size", "4", "lock-timeout", "PT5S"));
        JdbcStore store = persistence.store();
        User ada = StoreBehaviourTest.registered(store, "ada");
        Chat busy = StoreBehaviourTest.newChat(store, ada);
        Chat quiet = StoreBehaviourTest.newChat(store, ada);
        holdChat(busy);

        List<Future<?>> waiting = new ArrayList<>();
        // the busy chat's writer waits for its lock on one connection, the other eleven changes queue for it without one
        try (Connection observer = database.connect()) {
            waiting.add(threads.submit(() -> store.apply(post(busy, ada, "busy-0"))));
            await().atMost(Duration.ofSeconds(10)).until(() -> lockWaiters(observer) == 1);
            for (int i = 1; i < 12; i++) {
                String clientId = "busy-" + i;
                waiting.add(threads.submit(() -> store.apply(post(busy, ada, clientId))));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> store.queuedChanges(busy.id()) == 11);
            assertThat(lockWaiters(observer)).isEqualTo(1);
        }

        // meanwhile another chat is changed and the readiness check answers, long before the busy chat gives up
        Future<?> other = threads.submit(() -> store.apply(post(quiet, ada, "quiet-1")));
        other.get(4, TimeUnit.SECONDS);
        CompletableFuture<Long> ping = CompletableFuture.supplyAsync(
                () -> persistence.healthClient().execute().namedQuery(Persistence.PING_STATEMENT).count(), threads);
        assertThat(ping.get(4, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(waiting).as("the busy chat's changes still wait").noneMatch(Future::isDone);

        for (Future<?> change : waiting) {
            assertThat(failureWithin(change, Duration.ofSeconds(30))).isInstanceOf(UseCaseException.class)
                    .extracting(e -> ((UseCaseException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        }
    }

    /** What the future failed with, waiting at most {@code timeout}; fails when it succeeded or took longer. */
    static Throwable failureWithin(Future<?> future, Duration timeout) throws Exception {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the change to fail");
    }
}
