package com.chirpchat.adapters.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.LongStream;

import com.chirpchat.application.fakes.InMemoryStore;
import com.chirpchat.application.fakes.RecordingSink;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.ChatEventType;
import com.chirpchat.domain.user.User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances on one store: five users connected here and there (ada twice), three chats, posters on every
 * instance at once, and membership changes while they post: eve joins a chat no instance of hers follows yet,
 * and leaves another. Afterwards every connection must have every event of its chats exactly once, in order.
 */
final class ChatScenario implements AutoCloseable {
    private static final Duration SETTLE = Duration.ofSeconds(60);

    final InMemoryStore store = new InMemoryStore();
    final List<Instance> instances = new ArrayList<>();
    private final User ada;
    private final User bob;
    private final User cid;
    private final User dan;
    private final User eve;
    private final Chat team;   // ada, bob, cid
    private final Chat pair;   // bob, dan; eve joins during the run
    private final Chat side;   // cid, ada, eve; eve leaves during the run
    private final Map<String, RecordingSink> sinks = new LinkedHashMap<>();
    private final Map<ChatId, Long> startSeq = new LinkedHashMap<>();

    ChatScenario(Function<String, RedisFanoutSettings> settings) {
        for (String name : List.of("i0", "i1", "i2")) {
            instances.add(new Instance(store, settings.apply(name)));
        }
        Instance i0 = instances.get(0);
        Instance i1 = instances.get(1);
        Instance i2 = instances.get(2);
        ada = i0.user("ada_user");
        bob = i0.user("bob_user");
        cid = i0.user("cid_user");
        dan = i0.user("dan_user");
        eve = i0.user("eve_user");
        team = i0.chat(ada, bob, cid);
        pair = i1.chat(bob, dan);
        side = i2.chat(cid, ada, eve);
        sinks.put("ada@i0", i0.connect(ada));
        sinks.put("ada@i1", i1.connect(ada));
        sinks.put("bob@i1", i1.connect(bob));
        sinks.put("bob@i2", i2.connect(bob));
        sinks.put("cid@i2", i2.connect(cid));
        sinks.put("dan@i2", i2.connect(dan));
        sinks.put("eve@i0", i0.connect(eve));
        for (Chat chat : List.of(team, pair, side)) {
            startSeq.put(chat.id(), lastSeq(chat));
        }
    }

    /** Posts {@code perPoster} messages from two threads per instance, pausing between posts, while {@code meanwhile} runs. */
    void run(int perPoster, long pauseMillis, Runnable meanwhile) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(instances.size() * 2 + 2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (Instance instance : instances) {
            for (int t = 0; t < 2; t++) {
                work.add(pool.submit(() -> {
                    go.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < perPoster; i++) {
                        switch (random.nextInt(3)) {
                            case 0 -> instance.post(random.nextBoolean() ? ada : bob, team, "t" + i);
                            case 1 -> instance.post(random.nextBoolean() ? bob : dan, pair, "p" + i);
                            default -> instance.post(random.nextBoolean() ? cid : ada, side, "s" + i);
                        }
                        if (pauseMillis > 0) {
                            Thread.sleep(pauseMillis);
                        }
                    }
                    return null;
                }));
            }
        }
        work.add(pool.submit(() -> {
            go.await();
            Thread.sleep(20);
            instances.get(1).add(bob, pair, eve);   // i0 (eve's) follows eve, not the chat: it hears of it via eve
            Thread.sleep(20);
            instances.get(2).remove(cid, side, eve);
            return null;
        }));
        work.add(pool.submit(() -> {
            go.await();
            meanwhile.run();
            return null;
        }));
        go.countDown();
        for (Future<?> f : work) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
    }

    /**
     * Waits until every connection has caught up, then checks each saw its chats' events once, in order, without
     * gaps, up to the chat's last event. A connection may also get a few events from just before its snapshot: an
     * event published before it connected can still be on its way through Redis, reach the router after the
     * connection subscribed, and open the stream there (harmless: in order, and a client ignores what it has).
     */
    void verify() {
        long joined = seqOf(pair, ChatEventType.MEMBER_ADDED, eve);
        long left = seqOf(side, ChatEventType.MEMBER_REMOVED, eve);
        Map<String, Map<Chat, Expect>> expected = new LinkedHashMap<>();
        expected.put("ada@i0", Map.of(team, whole(team), side, whole(side)));
        expected.put("ada@i1", Map.of(team, whole(team), side, whole(side)));
        expected.put("bob@i1", Map.of(team, whole(team), pair, whole(pair)));
        expected.put("bob@i2", Map.of(team, whole(team), pair, whole(pair)));
        expected.put("cid@i2", Map.of(team, whole(team), side, whole(side)));
        expected.put("dan@i2", Map.of(pair, whole(pair)));
        expected.put("eve@i0", Map.of(pair, new Expect(joined, joined, lastSeq(pair)),
                                      side, new Expect(1, startSeq.get(side.id()) + 1, left)));

        // on a timeout, says which connection is missing which chat's last event and what it has
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> expected.forEach((name, chats) ->
                chats.forEach((chat, expect) -> assertThat(sinks.get(name).seqs(chat.id()))
                        .as(name + " in " + chat.id() + " up to its last event " + expect.to()).contains(expect.to()))));
        expected.forEach((sinkName, chats) -> {
            RecordingSink sink = sinks.get(sinkName);
            chats.forEach((chat, expect) -> {
                List<Long> seqs = sink.seqs(chat.id());
                String what = sinkName + " in " + chat.id() + " (snapshot at " + (expect.from() - 1) + ")";
                assertThat(seqs).as(what).isNotEmpty();
                assertThat(seqs.getFirst()).as(what + ": first").isBetween(expect.earliest(), expect.from());
                assertThat(seqs).as(what).containsExactlyElementsOf(range(seqs.getFirst(), expect.to()));
            });
            assertThat(sink.received).as(sinkName + " hears only its chats")
                    .allMatch(event -> chats.keySet().stream().anyMatch(chat -> chat.id().equals(event.chatId())));
        });
    }

    /** Events {@code from..to} must arrive; a few down to {@code earliest} may come before them. */
    private record Expect(long earliest, long from, long to) {
    }

    private Expect whole(Chat chat) {
        return new Expect(1, startSeq.get(chat.id()) + 1, lastSeq(chat));
    }

    long totalPosts() {
        return startSeq.keySet().stream().mapToLong(id -> store.chat(id).orElseThrow().lastSeq() - startSeq.get(id)).sum();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private long lastSeq(Chat chat) {
        return store.chat(chat.id()).orElseThrow().lastSeq();
    }

    private long seqOf(Chat chat, ChatEventType type, User user) {
        return store.eventsAfter(chat.id(), 0, 100_000).stream()
                .filter(e -> e.type() == type && e.data().memberConcerned().orElseThrow().equals(user.id()))
                .mapToLong(ChatEvent::seq).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        instances.forEach(Instance::close);
    }
}
