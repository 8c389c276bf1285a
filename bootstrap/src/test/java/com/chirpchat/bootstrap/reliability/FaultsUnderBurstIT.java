package com.chirpchat.bootstrap.reliability;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.Api.Session;
import com.chirpchat.bootstrap.support.Socket;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outside probe's scenarios, kept: three instances, clients posting through all of them at once and members
 * connected to all of them, while a fault hits — Redis killed and restarted, one instance's PostgreSQL connections
 * cut. Afterwards every socket has every event of its chat once, in order, without gaps; no post was a 500; and every
 * post is stored exactly once, however often it was sent.
 */
class FaultsUnderBurstIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int POSTS = 40;
    private static Fleet fleet;

    @BeforeAll
    static void start() {
        fleet = Fleet.start(3, Map.of());
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void redisKilledInTheMiddleOfABurstLosesNothing() throws Exception {
        Scene scene = Scene.set(fleet);
        try (Posters posters = scene.burst()) {
            awaitDone(posters, POSTS / 2);
            fleet.killRedis();
            awaitDone(posters, POSTS * 3 / 2); // posting goes on without Redis
            fleet.startRedis();
            posters.awaitAll(WAIT);
            scene.expectEverythingOnceEverywhere(posters);
        }
    }

    @Test
    void cutDatabaseConnectionsAreRetriedAndLoseNothing() throws Exception {
        Scene scene = Scene.set(fleet);
        try (Posters posters = scene.burst()) {
            for (int cut = 1; cut <= 3; cut++) {
                awaitDone(posters, cut * POSTS * 3 / 4);
                fleet.database(0).cut();
            }
            posters.awaitAll(WAIT);
            scene.expectEverythingOnceEverywhere(posters);
        }
    }

    /** One chat of three members, each connected to another instance, and the chat's position before the burst. */
    private record Scene(List<Session> members, String chat, List<Socket> sockets, long from) {
        static Scene set(Fleet fleet) {
            Session ada = fleet.api(0).signUp("ada");
            Session bob = fleet.api(1).signUp("bob");
            Session cy = fleet.api(2).signUp("cy");
            String chat = fleet.api(0).post("/chats", ada.token(), Map.of("title", "burst", "memberIds", List.of(bob.id(), cy.id())))
                    .expect(201).json().get("id").asText();
            List<Session> members = List.of(ada, bob, cy);
            List<Socket> sockets = List.of(Socket.open(fleet.uri(0), ada.token()), Socket.open(fleet.uri(1), bob.token()),
                                           Socket.open(fleet.uri(2), cy.token()));
            long from = fleet.api(0).get("/chats/" + chat, ada.token()).expect(200).json().get("lastSeq").asLong();
            return new Scene(members, chat, sockets, from);
        }

        /** Each member posts through their own instance. */
        Posters burst() {
            Posters posters = new Posters();
            for (int i = 0; i < members.size(); i++) {
                posters.start(fleet.api(i), members.get(i), chat, "m" + i, POSTS);
            }
            return posters;
        }

        void expectEverythingOnceEverywhere(Posters posters) {
            assertThat(posters.statuses()).as("posted, or refused for now; never a server error")
                    .allMatch(status -> status == 201 || status == 200 || status == 503 || status == -1);
            assertThat(posters.stored()).as("every post was stored in the end").hasSize(members.size() * POSTS);
            Api api = fleet.api(0);
            EventLog log = EventLog.read(api, members.getFirst().token(), chat);
            Map<String, Integer> copies = new HashMap<>();
            for (JsonNode event : log.events()) {
                if (event.get("type").asText().equals("message_created")) {
                    copies.merge(event.get("data").get("text").asText(), 1, Integer::sum);
                }
            }
            assertThat(copies.values()).as("no post stored twice").allMatch(n -> n == 1);
            assertThat(copies).hasSize(members.size() * POSTS);

            DeliveryCheck check = new DeliveryCheck();
            for (int i = 0; i < sockets.size(); i++) {
                check.watch(members.get(i).username() + "@" + i, sockets.get(i), chat, from);
            }
            assertThat(check.awaitAndCheck(c -> log, WAIT)).isEmpty();
            sockets.forEach(Socket::close);
        }
    }

    private static void awaitDone(Posters posters, int done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (posters.done() < done && System.nanoTime() < deadline) {
            DeliveryCheck.sleep(Duration.ofMillis(10));
        }
    }
}
