package com.chirpchat.adapters.persistence;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.ledger.PostText;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresContentionTest extends ContentionTest {
    @Override
    TestDatabase freshDatabase() {
        return PostgresTestDatabase.create();
    }

    @Test
    void everyPooledSessionHasItsLimits() {
        Persistence persistence = instance(Map.of("lock-timeout", "PT1.5S", "statement-timeout", "PT7S",
                                                  "idle-in-transaction-timeout", "PT3S"));
        assertThat(show(persistence, "lock_timeout")).isEqualTo("1500ms");
        assertThat(show(persistence, "statement_timeout")).isEqualTo("7s");
        assertThat(show(persistence, "idle_in_transaction_session_timeout")).isEqualTo("3s");
    }

    /**
     * A session of ours frozen in its transaction (here: the decision waits, as a stopped process would) holds the
     * chat's lock only until PostgreSQL ends it; then another instance's change goes through, and the frozen one,
     * when it wakes up, is refused as unavailable without having stored anything.
     */
    @Test
    void aFrozenInstancesSessionIsEndedAndItsChatFreed() throws Exception {
        JdbcStore frozen = instance(Map.of("idle-in-transaction-timeout", "PT1S")).store();
        JdbcStore other = instance(Map.of("lock-timeout", "PT10S")).store();
        User ada = StoreBehaviourTest.registered(other, "ada");
        Chat chat = StoreBehaviourTest.newChat(other, ada);

        CountDownLatch decided = new CountDownLatch(1);
        CountDownLatch wake = new CountDownLatch(1);
        PostText stuck = post(chat, ada, "frozen");
        Future<?> frozenChange = threads.submit(() -> frozen.change(chat.id(), stuck.concerns(), state -> {
            decided.countDown();
            try {
                wake.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return stuck.decide(state).orThrow();
        }));
        assertThat(decided.await(10, TimeUnit.SECONDS)).as("the frozen change holds the chat").isTrue();

        var through = threads.submit(() -> other.apply(post(chat, ada, "other")));
        assertThat(through.get(8, TimeUnit.SECONDS).result().message().seq()).isEqualTo(chat.lastSeq() + 1);

        wake.countDown();
        Throwable failure = failureWithin(frozenChange, Duration.ofSeconds(10));
        assertThat(failure).isInstanceOf(UseCaseException.class);
        assertThat(((UseCaseException) failure).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(other.eventsAfter(chat.id(), chat.lastSeq(), 10)).hasSize(1);
    }

    private static String show(Persistence persistence, String setting) {
        return persistence.dbClient().execute().createQuery("SHOW " + setting).execute()
                .map(row -> row.column(1).get(String.class)).findFirst().orElseThrow();
    }
}
