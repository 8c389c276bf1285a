package com.chirpchat.adapters.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SubscriptionsTest {
    private final FakeCommands commands = new FakeCommands();
    private final ExecutorService failures = Executors.newVirtualThreadPerTaskExecutor();
    private final Subscriptions subscriptions = new Subscriptions(commands, failures);

    @AfterEach
    void stop() {
        failures.shutdownNow();
    }

    @Test
    void subscribesOnTheFirstFollowAndUnsubscribesAfterTheLastUnfollow() {
        subscriptions.acquire("a");
        subscriptions.acquire("a");
        subscriptions.release("a");
        assertThat(commands.sent).containsExactly("SUB a");
        assertThat(subscriptions.isFollowed("a")).isTrue();

        subscriptions.release("a");

        assertThat(commands.sent).containsExactly("SUB a", "UNSUB a");
        assertThat(subscriptions.isFollowed("a")).isFalse();
    }

    @Test
    void anUnfollowThatOvertakesItsFollowCancelsItOut() {
        subscriptions.release("a");
        subscriptions.acquire("a");

        assertThat(commands.sent).isEmpty();
        assertThat(subscriptions.isFollowed("a")).isFalse();
        assertThat(subscriptions.followed()).isZero();
    }

    @Test
    void aFollowIsActiveWhenRedisConfirmsTheChannelNotWhenTheCommandCompletes() {
        CompletableFuture<Void> active = subscriptions.acquire("a");
        commands.completeAll();
        assertThat(active).isNotDone();

        subscriptions.confirmed("a");

        assertThat(active).isCompleted();
        assertThat(subscriptions.acquire("a")).as("a second follower finds it active").isCompleted();
    }

    @Test
    void aLateConfirmationOfAnEarlierSubscribeDoesNotActivateAFreshOne() {
        subscriptions.acquire("a");
        subscriptions.release("a");
        CompletableFuture<Void> again = subscriptions.acquire("a");
        assertThat(commands.sent).containsExactly("SUB a", "UNSUB a", "SUB a");

        subscriptions.confirmed("a"); // answers the first SUBSCRIBE, which the UNSUBSCRIBE undoes
        assertThat(again).isNotDone();
        subscriptions.confirmed("a");
        assertThat(again).isCompleted();
    }

    @Test
    void aConfirmationNobodyWantsIsUnsubscribed() {
        subscriptions.confirmed("stray");

        assertThat(commands.sent).containsExactly("UNSUB stray");
    }

    @Test
    void aFailedSubscribeReleasesItsFollowersAndIsMadeAgainAfterReconnecting() {
        commands.failNext = true;
        CompletableFuture<Void> active = subscriptions.acquire("a");
        await().atMost(5, TimeUnit.SECONDS).until(active::isDone);
        assertThat(active).isCompletedExceptionally();
        assertThat(subscriptions.isFollowed("a")).as("still wanted").isTrue();

        subscriptions.newConnection();
        List<CompletableFuture<Void>> confirmations = resubscribeAll();

        assertThat(commands.sent).containsExactly("SUB a", "SUB a");
        assertThat(confirmations).hasSize(1);
        subscriptions.confirmed("a");
        assertThat(confirmations.getFirst()).isCompleted();
    }

    @Test
    void confirmationsLostWithAConnectionAreNotWaitedFor() {
        subscriptions.acquire("a");   // sent, never confirmed: the connection drops
        subscriptions.newConnection();
        List<CompletableFuture<Void>> confirmations = resubscribeAll();

        subscriptions.confirmed("a"); // the one confirmation the new connection brings

        assertThat(confirmations.getFirst()).isCompleted();
    }

    @Test
    void resubscribingSkipsChannelsNoLongerFollowed() {
        subscriptions.acquire("a");
        subscriptions.acquire("b");
        subscriptions.release("b");
        subscriptions.release("c");
        commands.sent.clear();

        subscriptions.newConnection();
        resubscribeAll();

        assertThat(commands.sent).containsExactly("SUB a");
    }

    @Test
    void concurrentFollowsAndUnfollowsLeaveRedisAgreeingWithTheCounts() throws Exception {
        int threads = 8;
        int rounds = 2_000;
        List<String> channels = List.of("a", "b", "c", "d");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                start.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < rounds; i++) {
                    String channel = channels.get(random.nextInt(channels.size()));
                    subscriptions.acquire(channel);
                    if (random.nextBoolean()) {
                        Thread.yield();
                    }
                    subscriptions.release(channel);
                }
                return null;
            }));
        }
        start.countDown();
        for (var f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        for (String channel : channels) {
            assertThat(subscriptions.isFollowed(channel)).isFalse();
            assertThat(commands.lastFor(channel)).as("last command for " + channel).isEqualTo("UNSUB " + channel);
        }
    }

    private List<CompletableFuture<Void>> resubscribeAll() {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        subscriptions.channels().forEach(channel -> subscriptions.resubscribe(channel).ifPresent(pending::add));
        return pending;
    }

    /** Records commands in the order they were sent; their futures complete only when told. */
    private static final class FakeCommands implements Subscriptions.Commands {
        final List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<CompletableFuture<Void>> open = java.util.Collections.synchronizedList(new ArrayList<>());
        final Map<String, String> last = new ConcurrentHashMap<>();
        volatile boolean failNext;

        @Override
        public CompletionStage<?> subscribe(String channel) {
            return record("SUB", channel);
        }

        @Override
        public CompletionStage<?> unsubscribe(String channel) {
            return record("UNSUB", channel);
        }

        private CompletionStage<?> record(String command, String channel) {
            sent.add(command + " " + channel);
            last.put(channel, command + " " + channel); // called under the channel's lock, so in order per channel
            if (failNext) {
                failNext = false;
                return CompletableFuture.failedFuture(new IllegalStateException("not connected"));
            }
            CompletableFuture<Void> future = new CompletableFuture<>();
            open.add(future);
            return future;
        }

        void completeAll() {
            synchronized (open) {
                open.forEach(f -> f.complete(null));
            }
        }

        String lastFor(String channel) {
            return last.get(channel);
        }
    }
}
