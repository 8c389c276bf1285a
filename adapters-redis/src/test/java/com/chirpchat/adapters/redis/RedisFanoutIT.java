package com.chirpchat.adapters.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.wire.DomainJson;
import com.chirpchat.wire.EventCodec;
import com.chirpchat.wire.EventFrame;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.chirpchat.adapters.redis.RedisSupport.chat;
import static com.chirpchat.adapters.redis.RedisSupport.deleted;
import static com.chirpchat.adapters.redis.RedisSupport.memberAdded;
import static com.chirpchat.adapters.redis.RedisSupport.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Three fanouts on the shared Redis behave as three server instances; every test runs plain and sharded. */
class RedisFanoutIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static RedisClient adminClient;
    private static StatefulRedisConnection<String, String> adminConnection;
    private static RedisCommands<String, String> admin;

    private final List<RedisFanout> fanouts = new ArrayList<>();
    private RedisFanout a;
    private RedisFanout b;
    private RedisFanout c;
    private final RecordingListener atA = new RecordingListener();
    private final RecordingListener atB = new RecordingListener();
    private final RecordingListener atC = new RecordingListener();
    private boolean sharded;

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

    /** Publishes {@code message} as it is, past any fanout, the way this test's instances do (sharded or not). */
    private void publishRaw(String channel, String message) {
        if (sharded) {
            admin.spublish(channel, message);
        } else {
            admin.publish(channel, message);
        }
    }

    private void start(boolean sharded) {
        this.sharded = sharded;
        String prefix = RedisSupport.uniquePrefix();
        a = fanout(prefix, "a", atA);
        b = fanout(prefix, "b", atB);
        c = fanout(prefix, "c", atC);
    }

    private RedisFanout fanout(String prefix, String name, RecordingListener listener) {
        RedisFanout fanout = RedisFanout.create(RedisSupport.settings(RedisSupport.URI, prefix, sharded, name));
        fanouts.add(fanout);
        fanout.listen(listener);
        return fanout;
    }

    @AfterEach
    void close() {
        fanouts.forEach(RedisFanout::close);
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void aFollowingInstanceReceivesWhatAnotherPublishesOnVirtualThreads(boolean sharded) {
        start(sharded);
        ChatId chat = chat();
        b.follow(chat);

        a.publish(deleted(chat, 1));

        await().atMost(WAIT).until(() -> atB.has(chat, 1));
        assertThat(atB.seqs(chat)).containsExactly(1L);
        assertThat(atB.threads).as("listener never runs on lettuce's event loop").containsOnly("virtual");
        assertThat(b.received()).isEqualTo(1);
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void thePublisherHearsItsOwnEventOnceAtOnceAndIgnoresItsEcho(boolean sharded) {
        start(sharded);
        ChatId chat = chat();
        a.follow(chat);
        b.follow(chat);

        a.publish(deleted(chat, 1));
        assertThat(atA.seqs(chat)).as("delivered on the publishing thread").containsExactly(1L);
        assertThat(atA.threads).containsExactly(Thread.currentThread().getName());
        await().atMost(WAIT).until(() -> atB.has(chat, 1));
        // Redis queued a's echo of #1 before b's #2, on the same channel: once #2 is in, the echo was seen
        b.publish(deleted(chat, 2));
        await().atMost(WAIT).until(() -> atA.has(chat, 2));

        assertThat(atA.seqs(chat)).containsExactly(1L, 2L);
        assertThat(atB.seqs(chat)).containsExactly(1L, 2L);
        assertThat(a.received()).isEqualTo(1);
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void theFrameRenderedByThePublisherTravelsWithTheEvent(boolean sharded) {
        start(sharded);
        ChatId chat = chat();
        b.follow(chat);

        ChatEvent event = memberAdded(chat, 1, user());
        a.publish(event);
        await().atMost(WAIT).until(() -> atB.has(chat, 1));

        EventFrame rendered = (EventFrame) atA.renderings.getFirst();
        assertThat(rendered.text()).isEqualTo(DomainJson.eventText(event));
        EventFrame carried = (EventFrame) atB.renderings.getFirst();
        assertThat(carried).as("framed from the carried bytes, not rendered again").isNotSameAs(rendered);
        assertThat(carried.text()).isEqualTo(rendered.text());
        assertThat(carried.bytes()).isEqualTo(rendered.bytes());
        assertThat(atB.seqs(chat)).containsExactly(1L);
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void aFanoutSkipsItsOwnMessagesWithoutDecodingThem(boolean sharded) {
        start(sharded);
        ChatId chat = chat();
        a.follow(chat);
        b.follow(chat);
        // with a's origin but nothing readable after the header: a must skip it on the header alone, b counts it
        String unreadable = "chirpchat-event/3 " + a.origin() + " 99999\n{}";
        publishRaw(a.channelOf(chat), unreadable);
        await().atMost(WAIT).until(() -> b.dropped() == 1);
        a.publish(deleted(chat, 1)); // after the unreadable one on the same channel: once b has it, a saw its message
        await().atMost(WAIT).until(() -> atB.has(chat, 1));
        b.publish(deleted(chat, 2));
        await().atMost(WAIT).until(() -> atA.has(chat, 2));

        assertThat(a.dropped()).isZero();
        assertThat(a.received()).isEqualTo(1);
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void messagesOfTheEarlierTextFormatsAreStillDelivered(boolean sharded) {
        start(sharded);
        ChatId chat = chat();
        b.follow(chat);
        ChatEvent withFrame = memberAdded(chat, 1, user());
        ChatEvent withoutFrame = deleted(chat, 2);
        // as an instance of the previous version publishes them, from an origin that is not b's
        String two = EventCodec.encode(withFrame);
        String format2 = "chirpchat-event/2 old-node:1 " + two.length() + "\n" + two + DomainJson.eventText(withFrame);
        String format1 = "chirpchat-event/1 old-node:1\n" + EventCodec.encode(withoutFrame);
        for (String message : List.of(format2, format1)) {
            publishRaw(b.channelOf(chat), message);
        }
        await().atMost(WAIT).until(() -> atB.has(chat, 2));

        assertThat(atB.seqs(chat)).containsExactly(1L, 2L);
        assertThat(((EventFrame) atB.renderings.getFirst()).bytes()).isEqualTo(EventFrame.of(withFrame).bytes());
        assertThat(b.dropped()).isZero();
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void instancesNotFollowingAChatGetNothingOfIt(boolean sharded) throws Exception {
        start(sharded);
        ChatId chat = chat();
        ChatId other = chat();
        b.follow(chat);
        c.follow(other);

        a.publish(deleted(chat, 1));
        await().atMost(WAIT).until(() -> atB.has(chat, 1));
        a.publish(deleted(other, 1));
        await().atMost(WAIT).until(() -> atC.has(other, 1));
        assertThat(subscribers(a.channels().chat(chat))).as("only b subscribes to the chat").isEqualTo(1);

        // the barrier: each now follows the other chat too and hears a later event of it. Redis sends one connection
        // its messages in order and a fanout delivers each channel's in order, so had #1 reached either, it would
        // have been delivered before #2
        c.follow(chat);
        b.follow(other);
        a.publish(deleted(chat, 2));
        a.publish(deleted(other, 2));
        await().atMost(WAIT).until(() -> atC.has(chat, 2) && atB.has(other, 2));
        assertThat(atC.seqs(chat)).containsExactly(2L);
        assertThat(atB.seqs(other)).containsExactly(2L);
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void membershipEventsAlsoReachTheInstancesFollowingTheMember(boolean sharded) throws Exception {
        start(sharded);
        ChatId chat = chat();
        ChatId later = chat();
        UserId member = user();
        b.follow(chat);
        c.followUser(member); // c has the member connected, but does not follow the chat yet

        a.publish(memberAdded(chat, 1, member));
        a.publish(deleted(chat, 2));
        await().atMost(WAIT).until(() -> atC.has(chat, 1));
        // published after #2 on the member's channel: had #2 gone there too, c would have had it before this
        a.publish(memberAdded(later, 1, member));
        await().atMost(WAIT).until(() -> atC.has(later, 1));
        await().atMost(WAIT).until(() -> atB.has(chat, 2));
        assertThat(a.published()).as("member events go to the chat and the member").isEqualTo(5);
        // and on the chat's channel: c follows it now and hears #3, which would have come after a stray #2
        c.follow(chat);
        a.publish(deleted(chat, 3));
        await().atMost(WAIT).until(() -> atC.has(chat, 3) && atB.has(chat, 3));

        assertThat(atC.seqs(chat)).as("the membership event, then only what came after c followed").containsExactly(1L, 3L);
        assertThat(atB.seqs(chat)).containsExactly(1L, 2L, 3L);
    }

    /**
     * {@code unfollow} returns at once, before its UNSUBSCRIBE has reached Redis: held up behind a stalled event loop
     * (as on a busy machine, where the contract's balanced race once heard an event after its unfollows), the
     * subscription outlives it. A later {@code follow} of anything on the same instance is queued behind that
     * UNSUBSCRIBE and returns only once Redis has answered it, so by then the unfollow has taken effect.
     */
    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void anUnfollowHeldUpByAStalledEventLoopHasTakenEffectOnceALaterFollowReturns(boolean sharded) throws Exception {
        start(sharded);
        ChatId chat = chat();
        ChatId stall = chat();
        b.follow(chat);
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        String stallChannel = b.channels().chat(stall);
        RedisPubSubAdapter<String, byte[]> staller = new RedisPubSubAdapter<>() {
            @Override
            public void subscribed(String channel, long count) {
                hold(channel);
            }

            @Override
            public void ssubscribed(String channel, long count) {
                hold(channel);
            }

            private void hold(String channel) {
                if (channel.equals(stallChannel)) {
                    stalled.countDown();
                    try {
                        resume.await(WAIT.toMillis(), TimeUnit.MILLISECONDS); // lettuce's event loop stands still
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        b.subscriber().addListener(staller); // after the fanout's own listener: the follow below returns first
        try (ExecutorService caller = Executors.newVirtualThreadPerTaskExecutor()) {
            b.follow(stall);
            assertThat(stalled.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

            b.unfollow(chat); // returns at once; its UNSUBSCRIBE waits for the event loop
            c.follow(chat);
            a.publish(deleted(chat, 1));
            await().atMost(WAIT).until(() -> atC.has(chat, 1)); // Redis sent #1 to b as well: still subscribed
            Future<?> laterFollow = caller.submit(() -> b.follow(chat()));
            resume.countDown();
            laterFollow.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            await().atMost(WAIT).until(() -> atB.has(chat, 1)); // the stall was real: #1 outran the unfollow

            a.publish(deleted(chat, 2));
            await().atMost(WAIT).until(() -> atC.has(chat, 2));
            b.follow(chat);
            a.publish(deleted(chat, 3));
            await().atMost(WAIT).until(() -> atB.has(chat, 3));
            assertThat(atB.seqs(chat)).as("#2 came after the later follow had returned").containsExactly(1L, 3L);
        } finally {
            resume.countDown();
            b.subscriber().removeListener(staller);
        }
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void followsAreCountedAndTheLastUnfollowStopsDelivery(boolean sharded) throws Exception {
        start(sharded);
        ChatId chat = chat();
        ChatId sentinel = chat();
        b.follow(chat);
        b.follow(chat);
        b.follow(sentinel);
        b.unfollow(chat);

        a.publish(deleted(chat, 1));
        await().atMost(WAIT).until(() -> atB.has(chat, 1));
        assertThat(subscribers(a.channels().chat(chat))).isEqualTo(1);

        b.unfollow(chat);
        await().atMost(WAIT).until(() -> subscribers(a.channels().chat(chat)) == 0);
        a.publish(deleted(chat, 2));
        a.publish(deleted(sentinel, 1));
        await().atMost(WAIT).until(() -> atB.has(sentinel, 1));
        assertThat(b.followedChannels()).isEqualTo(1);

        // the barrier: follow again and hear #3; a #2 that slipped through would have been delivered before it
        b.follow(chat);
        a.publish(deleted(chat, 3));
        await().atMost(WAIT).until(() -> atB.has(chat, 3));
        assertThat(atB.seqs(chat)).containsExactly(1L, 3L);
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void followReturnsOnceTheSubscriptionIsActive(boolean sharded) {
        start(sharded);
        for (int i = 0; i < 20; i++) {
            ChatId chat = chat();
            b.follow(chat);
            assertThat(subscribers(a.channels().chat(chat))).isEqualTo(1);
            a.publish(deleted(chat, 1)); // no pause: b must already be listening
            await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> atB.has(chat, 1));
        }
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void followsAndUnfollowsFromManyThreadsLeaveRedisMatchingTheCounts(boolean sharded) throws Exception {
        start(sharded);
        List<ChatId> chats = List.of(chat(), chat(), chat(), chat(), chat());
        int[] kept = {0, 1, 2, 0, 3}; // follows left standing per chat at the end
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            work.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 100; i++) {
                    ChatId chat = chats.get(ThreadLocalRandom.current().nextInt(chats.size()));
                    b.follow(chat);
                    b.unfollow(chat);
                }
                return null;
            }));
        }
        for (int i = 0; i < chats.size(); i++) {
            for (int k = 0; k < kept[i]; k++) {
                int index = i;
                work.add(pool.submit(() -> {
                    go.await();
                    b.follow(chats.get(index));
                    return null;
                }));
            }
        }
        go.countDown();
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        for (int i = 0; i < chats.size(); i++) {
            String channel = b.channels().chat(chats.get(i));
            long expected = kept[i] > 0 ? 1 : 0;
            await().atMost(WAIT).until(() -> subscribers(channel) == expected);
            assertThat(b.follows(channel)).isEqualTo(kept[i] > 0);
        }
    }

    @ParameterizedTest(name = "sharded={0}")
    @ValueSource(booleans = {false, true})
    void answersPingAndCountsWhatItDoes(boolean sharded) {
        start(sharded);
        ChatId chat = chat();
        b.follow(chat);
        for (int seq = 1; seq <= 10; seq++) {
            a.publish(deleted(chat, seq));
        }
        await().atMost(WAIT).until(() -> atB.seqs(chat).size() == 10);

        assertThat(a.ping(Duration.ofSeconds(2))).isTrue();
        assertThat(b.ping(Duration.ofSeconds(2))).isTrue();
        await().atMost(WAIT).until(() -> a.published() == 10);
        assertThat(b.received()).isEqualTo(10);
        assertThat(a.dropped() + b.dropped()).isZero();
        assertThat(a.reconnects() + b.reconnects()).isZero();
        assertThat(atB.seqs(chat)).as("one publisher, one channel: Redis's order is kept").isSorted();
    }

    private long subscribers(String channel) {
        Map<String, Long> counts = sharded ? admin.pubsubShardNumsub(channel) : admin.pubsubNumsub(channel);
        return counts.getOrDefault(channel, 0L);
    }
}
