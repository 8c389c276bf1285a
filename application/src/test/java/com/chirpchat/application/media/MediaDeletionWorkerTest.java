package com.chirpchat.application.media;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import com.chirpchat.application.fakes.ManualScheduler;
import com.chirpchat.application.fakes.TestApp;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MediaDeletionWorkerTest {
    private final TestApp app = new TestApp();
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(60), 4, Duration.ofMinutes(2), 10);
    private final MediaDeletionWorker worker = new MediaDeletionWorker(app.store, app.media, policy, app.clock, RandomGenerator.of("L64X128MixRandom"));
    private final User ada = app.user("ada");
    private final Chat chat = app.chat(ada);
    private final ManualScheduler scheduler = new ManualScheduler(app.clock);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        app.media.destroyGate.countDown();
        threads.shutdownNow();
    }

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

    /** A destroy in flight for longer than the lease: the worker's renewals keep the task from a second worker. */
    @Test
    void aDestroyThatOutlastsItsLeaseKeepsItsTask() throws Exception {
        RetryPolicy shortLease = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(60), 4, Duration.ofSeconds(9), 10);
        MediaDeletionWorker keeping = new MediaDeletionWorker(app.store, app.media, shortLease, app.clock,
                                                              RandomGenerator.of("L64X128MixRandom"), scheduler);
        String key = deleteMediaMessage();
        app.media.destroyGate = new CountDownLatch(1);
        Future<Integer> run = threads.submit(keeping::runOnce);
        await().atMost(Duration.ofSeconds(10)).until(() -> app.media.destroysStarted.get() == 1);

        for (int second = 1; second <= 30; second++) {
            scheduler.advance(Duration.ofSeconds(1)); // renewals every 3 s, on this thread
            assertThat(app.store.claimDue(app.clock.instant(), shortLease.lease(), 10)).as("at %d s", second).isEmpty();
        }
        app.media.destroyGate.countDown();

        assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(app.media.destroyed).containsExactly(key);
        assertThat(app.store.stats()).isEqualTo(new MediaDeletionQueuePort.Stats(0, 0));
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(scheduler.pending()).as("no renewals once the batch is done").isZero();
    }

    /** A worker stalled past its lease (a renewal came too late) leaves the task it lost to the worker that took it. */
    @Test
    void aWorkerThatLostItsClaimLeavesTheTaskToItsNewOwner() throws Exception {
        RetryPolicy shortLease = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(60), 4, Duration.ofSeconds(9), 10);
        MediaDeletionWorker stalled = new MediaDeletionWorker(app.store, app.media, shortLease, app.clock,
                                                              RandomGenerator.of("L64X128MixRandom"), scheduler);
        String first = deleteMediaMessage();
        String second = deleteMediaMessage();
        app.media.destroyGate = new CountDownLatch(1);
        Future<Integer> run = threads.submit(stalled::runOnce);
        await().atMost(Duration.ofSeconds(10)).until(() -> app.media.destroysStarted.get() == 1);

        app.clock.advance(Duration.ofSeconds(10)); // the lease runs out before the renewal runs
        List<MediaDeletionTask> taken = app.store.claimDue(app.clock.instant(), shortLease.lease(), 10);
        assertThat(taken).hasSize(2);
        scheduler.advance(Duration.ZERO);          // the late renewal finds both claims gone
        app.media.destroyGate.countDown();

        assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(app.media.destroysStarted).as("the second task was left to its new owner").hasValue(1);
        assertThat(app.media.destroyed).containsExactly(first);
        assertThat(app.store.queuedDeletions()).contains(second);
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
        List<String> before = List.copyOf(app.store.queuedDeletions());
        app.deleteMessage.delete(ada.id(), message.id());
        List<String> queued = new java.util.ArrayList<>(app.store.queuedDeletions());
        queued.removeAll(before);
        assertThat(queued).hasSize(1);
        return queued.get(0);
    }
}
