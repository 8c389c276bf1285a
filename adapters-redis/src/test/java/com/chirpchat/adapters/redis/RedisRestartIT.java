package com.chirpchat.adapters.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import com.chirpchat.application.fakes.InMemoryStore;
import com.chirpchat.application.fakes.RecordingSink;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.user.User;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import static com.chirpchat.adapters.redis.RedisSupport.chat;
import static com.chirpchat.adapters.redis.RedisSupport.deleted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * Redis itself goes away and comes back: a private {@code redis-server} on a free loopback port is stopped and
 * started again under two instances (one posting, one with a connection listening), then cut off with plain
 * {@code CLIENT KILL TYPE pubsub} and {@code TYPE normal}, which only this private server can afford.
 */
class RedisRestartIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void instancesRideOutARedisRestartAndLoseNothing() throws Exception {
        int port = freePort();
        Path dir = Files.createTempDirectory("chirpchat-redis-");
        Process redis = startRedis(port, dir);
        InMemoryStore store = new InMemoryStore();
        String uri = "redis://127.0.0.1:" + port + "/0";
        String prefix = RedisSupport.uniquePrefix();
        try (Instance listening = new Instance(store, RedisSupport.settings(uri, prefix, false, "listening"));
             Instance posting = new Instance(store, RedisSupport.settings(uri, prefix, false, "posting"))) {
            User ada = posting.user("ada_user");
            User bob = posting.user("bob_user");
            Chat chat = posting.chat(ada, bob);
            long start = store.chat(chat.id()).orElseThrow().lastSeq();
            // the snapshot barrier: publishing is asynchronous, so the chat's creation events could still reach Redis
            // after bob's connection subscribed, and open his stream before `start`. Once Redis acknowledged all of
            // them (an event with a member concerned is two messages), none can reach a subscription made afterwards.
            long creationMessages = store.eventsAfter(chat.id(), 0, 100).stream()
                    .mapToLong(e -> e.data().memberConcerned().isPresent() ? 2 : 1).sum();
            await().atMost(WAIT).until(() -> posting.fanout.published() >= creationMessages);
            RecordingSink bobs = listening.connect(bob);
            postAndAwait(posting, ada, chat, bobs, 3, start);
            assertThat(listening.fanout.ping(Duration.ofSeconds(2))).isTrue();

            stop(redis);
            await().atMost(WAIT).until(() -> !listening.fanout.ping(Duration.ofMillis(200))
                    && !posting.fanout.ping(Duration.ofMillis(200)));
            long before = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                posting.post(ada, chat, "while Redis is down " + i);
            }
            assertThatCode(() -> posting.fanout.publish(deleted(chat(), 1))).doesNotThrowAnyException();
            assertThat(Duration.ofNanos(System.nanoTime() - before)).as("publishing does not wait for Redis")
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(posting.fanout.dropped()).isPositive();

            redis = startRedis(port, dir);
            await().atMost(WAIT).until(() -> listening.fanout.ping(Duration.ofMillis(500))
                    && posting.fanout.ping(Duration.ofMillis(500)));
            await().atMost(WAIT).until(() -> bobs.seqs(chat.id()).size() == 8);
            assertThat(bobs.seqs(chat.id())).as("what was posted during the outage came from storage")
                    .containsExactlyElementsOf(seqs(start + 1, start + 8));
            assertThat(listening.fanout.reconnects()).as("one outage, one catch-up").isEqualTo(1);
            long received = listening.fanout.received();
            postAndAwait(posting, ada, chat, bobs, 2, start);
            assertThat(listening.fanout.received()).as("events flow through Redis again").isGreaterThan(received);

            try (RedisClient client = RedisClient.create(uri);
                 StatefulRedisConnection<String, String> admin = client.connect()) {
                // only a connection with subscriptions counts as pubsub: the posting instance's follows nothing
                assertThat(admin.sync().clientKill(KillArgs.Builder.typePubsub())).isEqualTo(1);
                await().atMost(WAIT).until(() -> listening.fanout.reconnects() == 2);
                postAndAwait(posting, ada, chat, bobs, 2, start);
                assertThat(admin.sync().clientKill(KillArgs.Builder.typeNormal())).as("all but itself").isEqualTo(3);
                await().atMost(WAIT).until(() -> posting.fanout.reconnects() == 2);
                postAndAwait(posting, ada, chat, bobs, 3, start);
                assertThat(listening.fanout.reconnects()).isEqualTo(2);
            }
            assertThat(listening.fanout.ping(Duration.ofSeconds(2))).isTrue();
        } finally {
            stop(redis);
        }
    }

    @Test
    void startsWithoutRedisAndCatchesUpOnceRedisIsThere() throws Exception {
        int port = freePort();
        Path dir = Files.createTempDirectory("chirpchat-redis-");
        String uri = "redis://127.0.0.1:" + port + "/0";
        String prefix = RedisSupport.uniquePrefix();
        RecordingListener atEarly = new RecordingListener();
        ChatId chat = chat();
        Process redis = null;
        try (RedisFanout early = RedisFanout.create(RedisSupport.settings(uri, prefix, false, "early"))) {
            early.listen(atEarly);
            long before = System.nanoTime();
            early.follow(chat);
            early.publish(deleted(chat, 1));
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
            assertThat(atEarly.seqs(chat)).as("its own event, at once").containsExactly(1L);
            assertThat(early.ping(Duration.ofMillis(200))).isFalse();

            redis = startRedis(port, dir);
            await().atMost(WAIT).until(() -> early.ping(Duration.ofMillis(500)));
            assertThat(atEarly.reconnects.get()).as("told to catch up what it could not hear").isEqualTo(1);
            try (RedisFanout late = RedisFanout.create(RedisSupport.settings(uri, prefix, false, "late"))) {
                late.publish(deleted(chat, 2));
                await().atMost(WAIT).until(() -> atEarly.has(chat, 2)); // the follow made while down is in place
            }
            assertThat(atEarly.seqs(chat)).containsExactly(1L, 2L);
        } finally {
            if (redis != null) {
                stop(redis);
            }
        }
    }

    /** Posts {@code count} messages and waits until bob's connection has everything from the start, in order. */
    private static void postAndAwait(Instance posting, User author, Chat chat, RecordingSink sink, int count, long start) {
        long last = start + sink.seqs(chat.id()).size() + count;
        for (int i = 0; i < count; i++) {
            posting.post(author, chat, "message " + i);
        }
        await().atMost(WAIT).until(() -> sink.seqs(chat.id()).size() >= last - start);
        assertThat(sink.seqs(chat.id())).containsExactlyElementsOf(seqs(start + 1, last));
    }

    private static List<Long> seqs(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Process startRedis(int port, Path dir) throws Exception {
        Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                                             "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                                             "--logfile", dir.resolve("redis.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!RedisSupport.answersPing(port, Duration.ofMillis(200))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                stop(process);
                throw new IllegalStateException("redis-server did not start on port " + port + "; see " + dir);
            }
            Thread.sleep(50);
        }
        return process;
    }

    private static void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: Redis shuts down at once (nothing to save)
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
