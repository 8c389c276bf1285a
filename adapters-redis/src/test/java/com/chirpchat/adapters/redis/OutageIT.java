package com.chirpchat.adapters.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.chirpchat.application.event.ChatEventListener;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.user.UserId;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.chirpchat.adapters.redis.RedisSupport.chat;
import static com.chirpchat.adapters.redis.RedisSupport.deleted;
import static com.chirpchat.adapters.redis.RedisSupport.kill;
import static com.chirpchat.adapters.redis.RedisSupport.memberAdded;
import static com.chirpchat.adapters.redis.RedisSupport.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Connections cut by {@code CLIENT KILL} from an admin connection, as a Redis failover or a network cut would. */
class OutageIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static RedisClient adminClient;
    private static StatefulRedisConnection<String, String> adminConnection;
    private static RedisCommands<String, String> admin;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void connectAdmin() {
        RedisSupport.requireRedis();
        adminClient = RedisClient.create(RedisSupport.URI);
        adminConnection = adminClient.connect();
        admin = adminConnection.sync();
    }

    @AfterAll
    static void disconnectAdmin() {
        if (adminClient != null) {
            adminConnection.close();
            adminClient.shutdown();
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private RedisFanout fanout(String prefix, boolean sharded, String name, RecordingListener listener) {
        RedisFanout fanout = RedisFanout.create(RedisSupport.settings(RedisSupport.URI, prefix, sharded, name));
        closeables.add(fanout);
        fanout.listen(listener);
        return fanout;
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void aKilledSubscriptionComesBackWithItsChannelsAndOneCatchUp(boolean sharded) throws Exception {
        String prefix = RedisSupport.uniquePrefix();
        RecordingListener atA = new RecordingListener();
        RecordingListener atB = new RecordingListener();
        RedisFanout a = fanout(prefix, sharded, "a", atA);
        RedisFanout b = fanout(prefix, sharded, "b", atB);
        ChatId chat = chat();
        ChatId joined = chat();
        UserId member = user();
        b.follow(chat);
        b.followUser(member);

        assertThat(kill(admin, b, "sub")).isEqualTo(1);

        await().atMost(WAIT).until(() -> atB.reconnects.get() == 1);
        assertThat(b.ping(Duration.ofSeconds(2))).isTrue();
        a.publish(deleted(chat, 1));
        a.publish(memberAdded(joined, 1, member));
        await().atMost(WAIT).until(() -> atB.has(chat, 1) && atB.has(joined, 1));
        // the outage is over (ping answers only when none is open) and events came over the new connection: only a
        // new outage could end again, so the count is final here, with no waiting
        assertThat(b.ping(Duration.ofSeconds(2))).isTrue();
        assertThat(atB.reconnects.get()).as("exactly once per outage").isEqualTo(1);
        assertThat(b.reconnects()).isEqualTo(1);
        assertThat(atA.reconnects.get()).as("a lost nothing").isZero();
    }

    @Test
    void thousandsOfChannelsAreSubscribedAgainInBatches() throws Exception {
        String prefix = RedisSupport.uniquePrefix();
        RecordingListener atB = new RecordingListener();
        RedisFanout a = fanout(prefix, false, "a", new RecordingListener());
        RedisFanout b = fanout(prefix, false, "b", atB);
        List<ChatId> chats = IntStream.range(0, Recovery.BATCH + 1_000).mapToObj(i -> chat()).toList();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            chats.forEach(chat -> pool.submit(() -> b.follow(chat)));
        }
        assertThat(b.followedChannels()).isEqualTo(chats.size());

        assertThat(kill(admin, b, "sub")).isEqualTo(1);

        await().atMost(WAIT).until(() -> atB.reconnects.get() == 1);
        String[] sample = {b.channels().chat(chats.getFirst()), b.channels().chat(chats.getLast())};
        assertThat(admin.pubsubNumsub(sample)).containsValues(1L, 1L);
        a.publish(deleted(chats.getLast(), 1));
        await().atMost(WAIT).until(() -> atB.has(chats.getLast(), 1));
    }

    @Test
    void anEventWhosePublishingFailedIsPublishedAgainWhenRedisAnswers() {
        String prefix = RedisSupport.uniquePrefix();
        RecordingListener atB = new RecordingListener();
        RedisFanout a = fanout(prefix, false, "a", new RecordingListener());
        RedisFanout b = fanout(prefix, false, "b", atB);
        ChatId chat = chat();
        b.follow(chat);

        assertThat(kill(admin, a, "pub")).isEqualTo(1);
        for (int seq = 1; seq <= 5; seq++) {
            a.publish(deleted(chat, seq)); // some of these hit the dead connection or none at all
        }

        // b's subscription never broke, so only a's resend can bring the newest one (b's router fills in the rest)
        await().atMost(WAIT).until(() -> atB.has(chat, 5));
        assertThat(atB.reconnects.get()).isZero();
    }

    @Test
    void aListenerFallingBehindLosesMessagesButIsToldToCatchUp() {
        String prefix = RedisSupport.uniquePrefix();
        RedisFanout a = fanout(prefix, false, "a", new RecordingListener());
        RedisFanout b = RedisFanout.create(RedisSupport.settings(RedisSupport.URI, prefix, false, "b"), 5);
        closeables.add(b);
        CountDownLatch release = new CountDownLatch(1);
        List<ChatEvent> got = new CopyOnWriteArrayList<>();
        AtomicInteger catchUps = new AtomicInteger();
        b.listen(new ChatEventListener() {
            @Override
            public void onEvent(ChatEvent event) {
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                got.add(event);
            }

            @Override
            public void onReconnected() {
                catchUps.incrementAndGet();
            }
        });
        ChatId chat = chat();
        b.follow(chat);

        for (int seq = 1; seq <= 30; seq++) {
            a.publish(deleted(chat, seq));
        }
        // one event in the listener (if it got there first), five waiting, the rest dropped
        await().atMost(WAIT).until(() -> b.dropped() >= 24);
        release.countDown();

        await().atMost(WAIT).until(() -> catchUps.get() == 1);
        assertThat(got.size() + b.dropped()).isEqualTo(30);
        assertThat(b.reconnects()).isEqualTo(1);
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void routersLoseNothingWhenConnectionsAreKilledMidRun(boolean sharded) throws Exception {
        String prefix = RedisSupport.uniquePrefix();
        ChatScenario scenario = new ChatScenario(name -> RedisSupport.settings(RedisSupport.URI, prefix, sharded, name));
        closeables.add(scenario);
        Set<RedisFanout> cutOff = ConcurrentHashMap.newKeySet();

        scenario.run(150, 2, () -> {
            try {
                for (int round = 0; round < 6; round++) {
                    Thread.sleep(60);
                    RedisFanout victim = scenario.instances.get(round % 3).fanout;
                    if (kill(admin, victim, "sub") > 0) {
                        cutOff.add(victim);
                    }
                    kill(admin, scenario.instances.get((round + 1) % 3).fanout, "pub");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        scenario.verify();
        assertThat(cutOff).hasSize(3);
        for (RedisFanout fanout : cutOff) {
            await().atMost(WAIT).until(() -> fanout.reconnects() >= 1);
            assertThat(fanout.ping(Duration.ofSeconds(2))).isTrue();
        }
    }
}
