package com.chirpchat.bootstrap.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.Api.Session;
import com.chirpchat.bootstrap.support.Cluster;
import com.chirpchat.bootstrap.support.Socket;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12.5: a slow consumer that is cut. Its socket is full, so the server's close frame (4008) cannot be written
 * and the client sees the connection end without one — 1006 in a WebSocket API. The recovery the README describes
 * (reconnect, then {@code GET /chats/{id}/events?after=<last seq seen>}) must give it every event once, in order,
 * while the user's other, reading connection got everything live.
 */
class SlowConsumerIT {
    private static final String TEXT = "x".repeat(4000);

    @Test
    void aCutSlowConsumerSees1006AndRecoversEverythingByReconnectingAndCatchingUp() throws Exception {
        try (Fleet fleet = Fleet.start(2, Fleet.settings("chirpchat.ws.queue-size", "32", "chirpchat.ws.close-timeout", "PT0.5S"))) {
            Session ada = fleet.api(1).signUp("ada");
            Session bob = fleet.api(0).signUp("bob");
            String chat = fleet.api(1).post("/chats", ada.token(), Map.of("title", "firehose", "memberIds", List.of(bob.id())))
                    .expect(201).json().get("id").asText();
            try (Socket reading = Socket.open(fleet.uri(0), bob.token());
                 StalledClient stalled = StalledClient.connect(fleet.uri(0), bob.token())) {
                long from = lastSeq(fleet.api(1), ada, chat);
                awaitConnections(fleet, 0, 2);

                // ada posts until instance 0 lets the stalled connection go (bounded)
                int posted = 0;
                try (ExecutorService posters = Executors.newFixedThreadPool(4)) {
                    while (connections(fleet, 0) == 2 && posted < 2_000) {
                        List<Future<?>> batch = new ArrayList<>();
                        for (int i = 0; i < 32; i++, posted++) {
                            batch.add(posters.submit(() -> fleet.api(1).post("/chats/" + chat + "/messages", ada.token(),
                                                                             Map.of("text", TEXT)).expect(201)));
                        }
                        for (Future<?> post : batch) {
                            post.get(60, TimeUnit.SECONDS);
                        }
                    }
                }
                assertThat(posted).as("the stalled client was let go").isLessThan(2_000);
                awaitConnections(fleet, 0, 1);

                StalledClient.Ending ending = stalled.readToTheEnd();
                assertThat(ending.closeCode()).as("no close frame fits into a full socket").isEqualTo(StalledClient.ABNORMAL_CLOSURE);
                List<Long> live = ending.frames().stream().filter(f -> chat.equals(f.path("chatId").asText()))
                        .map(f -> f.get("seq").asLong()).toList();
                assertThat(live).as("what it got is in order, from its start").isSorted().doesNotHaveDuplicates();
                long lastSeen = live.isEmpty() ? from : live.getLast();

                // the documented recovery: reconnect, then catch up over HTTP from the last seq seen
                try (Socket again = Socket.open(fleet.uri(0), bob.token())) {
                    List<Long> fetched = eventsAfter(fleet.api(0), bob, chat, lastSeen);
                    long next = fleet.api(1).post("/chats/" + chat + "/messages", ada.token(), Map.of("text", "after the cut"))
                            .expect(201).json().get("seq").asLong();
                    Cluster.awaitSeq(again, chat, next, Duration.ofSeconds(30));

                    List<Long> all = new ArrayList<>(live);
                    all.addAll(fetched);
                    again.seqs(chat).stream().filter(seq -> seq > lastSeen && !fetched.contains(seq)).forEach(all::add);
                    assertThat(all).as("live, then fetched, then live again: once each").doesNotHaveDuplicates();
                    assertThat(new TreeSet<>(all)).as("every event after its start").containsExactlyElementsOf(range(from + 1, next));
                }

                DeliveryCheck check = new DeliveryCheck().watch("bob@0 reading", reading, chat, from);
                assertThat(check.awaitAndCheck(c -> EventLog.read(fleet.api(1), ada.token(), c), Duration.ofSeconds(30))).isEmpty();
            }
        }
    }

    private static List<Long> eventsAfter(Api api, Session who, String chat, long after) {
        List<Long> seqs = new ArrayList<>();
        for (int page = 0; page < 100; page++) {
            JsonNode answer = api.get("/chats/" + chat + "/events?after=" + after + "&limit=500", who.token()).expect(200).json();
            answer.get("items").forEach(e -> seqs.add(e.get("seq").asLong()));
            if (!answer.get("hasMore").asBoolean()) {
                return seqs;
            }
            after = seqs.getLast();
        }
        throw new AssertionError("too many pages");
    }

    private static List<Long> range(long first, long last) {
        List<Long> range = new ArrayList<>();
        for (long seq = first; seq <= last; seq++) {
            range.add(seq);
        }
        return range;
    }

    /** Open WebSockets on the instance, from its metrics. */
    private static long connections(Fleet fleet, int instance) {
        String port = ":" + fleet.uri(instance).getPort() + "\"";
        return fleet.api(instance).get("/observe/metrics", null).expect(200).body().lines()
                .filter(l -> l.startsWith("chirpchat_websocket_connections{") && l.contains(port))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no connection gauge for instance " + instance));
    }

    private static void awaitConnections(Fleet fleet, int instance, long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (connections(fleet, instance) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("instance " + instance + " kept " + connections(fleet, instance) + " WebSockets");
            }
            Cluster.sleep(Duration.ofMillis(50));
        }
    }

    private static long lastSeq(Api api, Session member, String chat) {
        return api.get("/chats/" + chat, member.token()).expect(200).json().get("lastSeq").asLong();
    }
}
