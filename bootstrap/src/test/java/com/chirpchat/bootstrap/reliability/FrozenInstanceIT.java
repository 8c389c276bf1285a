package com.chirpchat.bootstrap.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.Api.Response;
import com.chirpchat.bootstrap.support.Api.Session;
import com.chirpchat.bootstrap.support.Socket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12.2: an instance frozen in the middle of a burst of posts to chat K (here its database connections are
 * frozen by its proxy, which is what PostgreSQL sees of a SIGSTOPped process: an open session "idle in
 * transaction" holding K's row lock). Another instance must stay fully usable: readiness, reads and other chats at
 * once, even with more posts to K waiting than it has pooled connections; posts to K fail fast with 503
 * {@code unavailable} and {@code Retry-After} (never a 500), work again once PostgreSQL has ended the frozen
 * session, and retried with the same {@code clientMessageId} are stored exactly once. Nothing is lost on any socket.
 */
class FrozenInstanceIT {
    private static final Duration QUICK = Duration.ofSeconds(2);
    /** Twice the lock timeout (a turn, then the lock), and slack for a busy machine. */
    private static final Duration FAIL_FAST = Duration.ofSeconds(8);

    @Test
    void aFrozenInstanceHoldingAChatsLockStallsNoOtherInstance() throws Exception {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        AtomicBoolean bursting = new AtomicBoolean(true);
        try (Fleet fleet = Fleet.start(3, Map.of())) {
            Session ada = fleet.api(0).signUp("ada");
            Session bob = fleet.api(1).signUp("bob");
            Session cy = fleet.api(2).signUp("cy");
            String k = createChat(fleet.api(1), bob, List.of(ada, cy));
            String l = createChat(fleet.api(0), ada, List.of(cy));
            try (Socket adas = Socket.open(fleet.uri(0), ada.token()); Socket cys = Socket.open(fleet.uri(2), cy.token())) {
                long kFrom = lastSeq(fleet.api(0), ada, k);
                long lFrom = lastSeq(fleet.api(0), ada, l);

                // instance 1 posts to K as fast as it can; it is frozen while it holds K's lock
                List<Integer> burstStatuses = new CopyOnWriteArrayList<>();
                AtomicInteger burstPosted = new AtomicInteger();
                List<Future<?>> burst = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    burst.add(threads.submit(() -> {
                        for (int i = 0; bursting.get() && i < 10_000; i++) {
                            Response r = post(fleet.api(1), bob, k, "burst " + thread + "-" + i);
                            burstStatuses.add(r.status());
                            burstPosted.incrementAndGet();
                        }
                    }));
                }
                try {
                    freezeHoldingTheLock(fleet, k, burstPosted);
                    whileFrozen(fleet, threads, ada, k, l);
                } finally {
                    fleet.database(1).thaw();
                    bursting.set(false);
                }
                for (Future<?> poster : burst) {
                    poster.get(90, TimeUnit.SECONDS);
                }
                assertThat(burstStatuses).as("the frozen instance's posts ended as posted or unavailable, never a 500")
                        .allMatch(status -> status == 201 || status == 503);
                awaitPosted(fleet.api(1), bob, k, "instance 1 is back", Duration.ofSeconds(30));

                DeliveryCheck check = new DeliveryCheck().watch("ada@0", adas, k, kFrom).watch("cy@2", cys, k, kFrom)
                        .watch("ada@0", adas, l, lFrom).watch("cy@2", cys, l, lFrom);
                assertThat(check.awaitAndCheck(c -> EventLog.read(fleet.api(0), ada.token(), c), Duration.ofSeconds(30)))
                        .isEmpty();
            }
        } finally {
            bursting.set(false);
            threads.shutdownNow();
        }
    }

    /** Instance 1 is frozen holding K's lock: instance 0 (and 2) must not notice, but for K's posts refused fast. */
    private static void whileFrozen(Fleet fleet, ExecutorService threads, Session ada, String k, String l) throws Exception {
        // more posts to K on instance 0 than it has pooled connections (10)
        List<Future<Timed>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String clientId = "k-" + i;
            waiting.add(threads.submit(() -> Timed.of(() -> post(fleet.api(0), ada, k, clientId, "waiting " + clientId))));
        }
        // meanwhile the rest of instance 0 answers at once
        assertThat(Timed.of(() -> get(fleet.api(0), "/observe/health/ready", null))).satisfies(t -> t.within(QUICK, 200));
        assertThat(Timed.of(() -> get(fleet.api(0), "/chats", ada.token()))).satisfies(t -> t.within(QUICK, 200));
        assertThat(Timed.of(() -> post(fleet.api(0), ada, l, "l-1", "the other chat"))).satisfies(t -> t.within(QUICK, 201));
        assertThat(Timed.of(() -> get(fleet.api(2), "/observe/health/ready", null))).satisfies(t -> t.within(QUICK, 200));

        List<String> refused = new ArrayList<>();
        for (int i = 0; i < waiting.size(); i++) {
            Timed answer = waiting.get(i).get(60, TimeUnit.SECONDS);
            assertThat(answer.took()).as("post k-%d answered fast", i).isLessThanOrEqualTo(FAIL_FAST);
            assertThat(answer.response().status()).as("post k-%d", i).isIn(201, 503);
            if (answer.response().status() == 503) {
                answer.response().expectProblem(503, "unavailable");
                assertThat(answer.response().headers().get("retry-after")).as("Retry-After").isNotNull();
                refused.add("k-" + i);
            }
        }
        assertThat(refused).as("K's lock was held: some posts had to be refused").isNotEmpty();

        // PostgreSQL ends the frozen session (idle-in-transaction timeout): K takes posts again, and the
        // refused ones, sent again with the same client ids, are stored once each
        awaitPosted(fleet.api(0), ada, k, "after the freeze", Duration.ofSeconds(20));
        for (String clientId : refused) {
            assertThat(post(fleet.api(0), ada, k, clientId, "waiting " + clientId).status()).isIn(200, 201);
        }
        for (int i = 0; i < waiting.size(); i++) {
            String text = "waiting k-" + i;
            assertThat(messagesWithText(fleet.api(0), ada, k, text)).as(text).isEqualTo(1);
        }
    }

    /**
     * Freezes instance 1's database connections once it has posted a little, until one of its sessions holds K's
     * row lock (asked with {@code NOWAIT}, which never waits); a freeze that caught it between transactions is
     * let go and tried again, a bounded number of times.
     */
    private static void freezeHoldingTheLock(Fleet fleet, String chat, AtomicInteger posted) throws Exception {
        try (Connection sql = fleet.sql()) {
            for (int attempt = 0; attempt < 20; attempt++) {
                int before = posted.get();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (posted.get() < before + 3 && System.nanoTime() < deadline) {
                    DeliveryCheck.sleep(Duration.ofMillis(5));
                }
                fleet.database(1).freeze();
                DeliveryCheck.sleep(Duration.ofMillis(50)); // statements already sent finish; the session goes idle
                if (locked(sql, chat)) {
                    return;
                }
                fleet.database(1).thaw();
            }
        }
        throw new AssertionError("instance 1 was never caught holding the chat's lock");
    }

    private static boolean locked(Connection sql, String chat) throws SQLException {
        sql.setAutoCommit(false);
        try (PreparedStatement probe = sql.prepareStatement("SELECT 1 FROM chats WHERE id = ?::uuid FOR UPDATE NOWAIT")) {
            probe.setString(1, chat);
            probe.executeQuery().close();
            return false;
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                return true;
            }
            throw e;
        } finally {
            sql.rollback();
        }
    }

    private static void awaitPosted(Api api, Session who, String chat, String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = post(api, who, chat, "await-" + Integer.toHexString(text.hashCode()), text).status();
            if (last == 201 || last == 200) {
                return;
            }
            DeliveryCheck.sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("posting to " + chat + " still answered " + last + " after " + timeout);
    }

    private static long messagesWithText(Api api, Session who, String chat, String text) {
        long found = 0;
        String path = "/chats/" + chat + "/messages?limit=100";
        for (int page = 0; page < 100; page++) {
            var answer = api.get(path, who.token()).expect(200).json();
            for (var message : answer.get("items")) {
                found += text.equals(message.path("text").asText()) ? 1 : 0;
            }
            if (answer.get("nextBefore").isNull()) {
                return found;
            }
            path = "/chats/" + chat + "/messages?limit=100&before=" + answer.get("nextBefore").asLong();
        }
        return found;
    }

    private static String createChat(Api api, Session owner, List<Session> members) {
        return api.post("/chats", owner.token(), Map.of("title", "frozen", "memberIds", members.stream().map(Session::id).toList()))
                .expect(201).json().get("id").asText();
    }

    private static long lastSeq(Api api, Session member, String chat) {
        return api.get("/chats/" + chat, member.token()).expect(200).json().get("lastSeq").asLong();
    }

    private static Response post(Api api, Session who, String chat, String text) {
        return api.post("/chats/" + chat + "/messages", who.token(), Map.of("text", text));
    }

    private static Response post(Api api, Session who, String chat, String clientId, String text) {
        return api.post("/chats/" + chat + "/messages", who.token(), Map.of("text", text, "clientMessageId", clientId));
    }

    private static Response get(Api api, String path, String token) {
        return api.get(path, token);
    }

    /** An answer and how long it took. */
    record Timed(Response response, Duration took) {
        static Timed of(Supplier<Response> request) {
            long start = System.nanoTime();
            Response response = request.get();
            return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
        }

        void within(Duration bound, int status) {
            assertThat(response.status()).as(response.body()).isEqualTo(status);
            assertThat(took).as("answered within " + bound).isLessThanOrEqualTo(bound);
        }
    }
}
