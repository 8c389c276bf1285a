package com.chirpchat.application.media;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

import com.chirpchat.application.fakes.TestApp;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MediaDeletionWorkerTest {
    private final TestApp app = new TestApp();
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(60), 4, Duration.ofMinutes(2), 10);
    private final MediaDeletionWorker worker = new MediaDeletionWorker(app.store, app.media, policy, app.clock, RandomGenerator.of("L64X128MixRandom"));
    private final User ada = app.user("ada");
    private final Chat chat = app.chat(ada);

    @Test
    void deletingAMediaMessageDestroysItsAsset() {
        String key = deleteMediaMessage();
        assertThat(worker.runOnce()).isEqualTo(1);
        assertThat(app.media.destroyed).containsExactly(key);
        assertThat(worker.runOnce()).isZero();
        assertThat(app.store.stats()).isEqualTo(new MediaDeletionQueuePort.Stats(0, 0));
    }

    @Test
    void aFailingStoreIsRetriedWithBackoffUntilItWorks() {
        String key = deleteMediaMessage();
        app.media.destroyFailuresLeft.set(2);

        assertThat(worker.runOnce()).isEqualTo(1);               // attempt 1 fails: due again within 1..2 s
        assertThat(worker.runOnce()).as("not due yet").isZero();
        app.clock.advance(Duration.ofSeconds(2));
        assertThat(worker.runOnce()).isEqualTo(1);               // attempt 2 fails: due within 2..4 s
        app.clock.advance(Duration.ofSeconds(1));
        assertThat(worker.runOnce()).as("backoff grew").isZero();
        app.clock.advance(Duration.ofSeconds(3));
        assertThat(worker.runOnce()).isEqualTo(1);               // attempt 3 works
        assertThat(app.media.destroyed).containsExactly(key);
        assertThat(worker.retried()).isEqualTo(2);
        assertThat(worker.deleted()).isEqualTo(1);
    }

    @Test
    void afterTheLastAttemptTheTaskIsDeadLettered() {
        deleteMediaMessage();
        app.media.destroyFailuresLeft.set(100);
        for (int i = 0; i < 10; i++) {
            worker.runOnce();
            app.clock.advance(Duration.ofMinutes(2));
        }
        assertThat(worker.deadLettered()).isEqualTo(1);
        assertThat(worker.retried()).isEqualTo(3);
        assertThat(app.store.stats()).isEqualTo(new MediaDeletionQueuePort.Stats(0, 1));
        assertThat(app.media.destroyed).isEmpty();
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheCap() {
        RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
        for (int attempt = 1; attempt <= 10; attempt++) {
            long full = Math.min(60_000, 2_000L << (attempt - 1));
            for (int i = 0; i < 50; i++) {
                long delay = policy.delayAfter(attempt, random).toMillis();
                assertThat(delay).isBetween(full - full / 2, full);
            }
        }
    }

    private String deleteMediaMessage() {
        Message message = app.requestUpload.request(new RequestUploadCommand(ada.id(), chat.id(), ResourceType.VIDEO, Optional.empty(),
                                                                             OptionalLong.empty(), Optional.empty())).message();
        app.deleteMessage.delete(ada.id(), message.id());
        assertThat(app.store.queuedDeletions()).hasSize(1);
        return List.copyOf(app.store.queuedDeletions()).get(0);
    }
}
