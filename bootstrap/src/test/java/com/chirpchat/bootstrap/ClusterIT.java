package com.chirpchat.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.Api.Session;
import com.chirpchat.bootstrap.support.Cluster;
import com.chirpchat.bootstrap.support.Redis;
import com.chirpchat.bootstrap.support.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances on one PostgreSQL and one Redis behave as one server: every event reaches every connected
 * member on every instance once, in order, without gaps, even when Redis connections are cut mid-run.
 */
class ClusterIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Redis redis;
    private static Cluster cluster;

    @BeforeAll
    static void startCluster() {
        redis = Redis.shared();
        cluster = new Cluster(Redis.SHARED_URL);
        for (int i = 0; i < 3; i++) {
            cluster.start();
        }
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyClientSeesEveryEventOnceInOrderAcrossInstancesThroughConnectionKills() throws Exception {
        List<Session> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(cluster.api(i % 3).signUp("u" + i));
        }
        // "everyone": all six; "odd": users 1, 3, 5; "pair": users 2 and 4 — each created on another instance
        Chat everyone = Chat.create(cluster.api(0), users, 0, List.of(1, 2, 3, 4, 5));
        Chat odd = Chat.create(cluster.api(1), users, 1, List.of(3, 5));
        Chat pair = Chat.create(cluster.api(2), users, 2, List.of(4));
        List<Chat> chats = List.of(everyone, odd, pair);

        // each user connected to "their" instance, and user 0 twice more, on the other two
        List<Socket> sockets = new ArrayList<>();
        List<Integer> socketUser = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sockets.add(Socket.open(cluster.server(i % 3).baseUri(), users.get(i).token()));
            socketUser.add(i);
        }
        for (int instance = 1; instance < 3; instance++) {
            sockets.add(Socket.open(cluster.server(instance).baseUri(), users.get(0).token()));
            socketUser.add(0);
        }
        Map<Chat, Long> before = new HashMap<>();
        chats.forEach(c -> before.put(c, c.lastSeq(cluster.api(0))));

        // concurrent posters on every instance; halfway through, every Redis connection of the cluster is cut
        int postsPerInstance = 60;
        AtomicInteger posted = new AtomicInteger();
        ExecutorService posters = Executors.newFixedThreadPool(3);
        List<Future<?>> jobs = new ArrayList<>();
        for (int instance = 0; instance < 3; instance++) {
            int at = instance;
            jobs.add(posters.submit(() -> {
                Api api = cluster.api(at);
                for (int n = 0; n < postsPerInstance; n++) {
                    Chat chat = chats.get(n % 3);
                    Session author = users.get(chat.members().get((at + n) % chat.members().size()));
                    api.post("/chats/" + chat.id() + "/messages", author.token(), Map.of("text", "i" + at + " n" + n)).expect(201);
                    posted.incrementAndGet();
                }
                return null;
            }));
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (posted.get() < postsPerInstance * 3 / 2 && System.nanoTime() < deadline) {
            Cluster.sleep(Duration.ofMillis(5));
        }
        int killed = redis.killClientsNamed(cluster.runId());
        assertThat(killed).as("the cluster's Redis connections were cut").isGreaterThanOrEqualTo(3);
        for (Future<?> job : jobs) {
            job.get(2, TimeUnit.MINUTES);
        }
        posters.shutdown();
        assertThat(posted.get()).isEqualTo(postsPerInstance * 3);

        for (int s = 0; s < sockets.size(); s++) {
            int user = socketUser.get(s);
            for (Chat chat : chats) {
                List<Long> seqs;
                if (!chat.members().contains(user)) {
                    assertThat(sockets.get(s).seqs(chat.id())).as("socket %d hears nothing of a chat it isn't in", s).isEmpty();
                    continue;
                }
                long last = chat.lastSeq(cluster.api(0));
                Cluster.awaitSeq(sockets.get(s), chat.id(), last, WAIT);
                seqs = sockets.get(s).seqs(chat.id());
                // once, in order, without gaps, from the first event after connecting to the last committed
                assertThat(seqs).as("socket %d, chat %s", s, chat.id()).doesNotHaveDuplicates().isSorted();
                assertThat(seqs.get(seqs.size() - 1) - seqs.get(0) + 1).as("socket %d, chat %s: no gaps", s, chat.id())
                        .isEqualTo(seqs.size());
                assertThat(seqs.get(0)).as("socket %d, chat %s: nothing missed after connecting", s, chat.id())
                        .isLessThanOrEqualTo(before.get(chat) + 1);
                assertThat(seqs.get(seqs.size() - 1)).isEqualTo(last);
            }
        }
        sockets.forEach(Socket::close);
    }

    @Test
    void membershipChangesTakeEffectOnEveryInstanceAtOnce() {
        Session owner = cluster.api(0).signUp("owner");
        Session guest = cluster.api(2).signUp("guest");
        String chat = createChat(cluster.api(0), owner, List.of());
        try (Socket guests = Socket.open(cluster.server(2).baseUri(), guest.token())) {
            cluster.api(1).post("/chats/" + chat + "/members", owner.token(), Map.of("userId", guest.id())).expect(201);
            cluster.api(0).post("/chats/" + chat + "/messages", owner.token(), Map.of("text", "welcome")).expect(201);
            assertThat(guests.events(chat, 2, WAIT)).extracting(e -> e.get("type").asText())
                    .containsExactly("member_added", "message_created");

            cluster.api(0).delete("/chats/" + chat + "/members/" + guest.id(), owner.token()).expect(204);
            assertThat(guests.events(chat, 1, WAIT).get(0).get("type").asText()).isEqualTo("member_removed");
            long removedAt = lastSeq(cluster.api(0), owner, chat);
            cluster.api(1).post("/chats/" + chat + "/messages", owner.token(), Map.of("text", "gone")).expect(201);
            // the owner's own socket proves the post went out; the guest's stays silent
            try (Socket owners = Socket.open(cluster.server(1).baseUri(), owner.token())) {
                cluster.api(2).post("/chats/" + chat + "/messages", owner.token(), Map.of("text", "still gone")).expect(201);
                owners.events(chat, 1, WAIT);
            }
            assertThat(guests.seqs(chat)).allMatch(seq -> seq <= removedAt);
        }
    }

    private static String createChat(Api api, Session owner, List<Session> members) {
        return api.post("/chats", owner.token(), Map.of("title", "cluster", "memberIds", members.stream().map(Session::id).toList()))
                .expect(201).json().get("id").asText();
    }

    private static long lastSeq(Api api, Session member, String chat) {
        return api.get("/chats/" + chat, member.token()).expect(200).json().get("lastSeq").asLong();
    }

    /** A chat of the test, with its members as indexes into the user list (owner first). */
    private record Chat(String id, List<Integer> members, Session owner) {
        static Chat create(Api api, List<Session> users, int owner, List<Integer> others) {
            List<Integer> members = new ArrayList<>();
            members.add(owner);
            members.addAll(others);
            String id = createChat(api, users.get(owner), others.stream().map(users::get).toList());
            return new Chat(id, members, users.get(owner));
        }

        long lastSeq(Api api) {
            return ClusterIT.lastSeq(api, owner, id);
        }
    }
}
