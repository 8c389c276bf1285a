package com.chirpchat.bootstrap.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.Api.Session;
import com.chirpchat.bootstrap.support.Cluster;
import com.chirpchat.bootstrap.support.Socket;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12.3: a user connected only to an instance that follows nothing of a chat is added to it while that
 * instance has no Redis. Once Redis is back the instance must follow the chat, and the open socket must get what
 * happened meanwhile — the {@code member_added}, the posts — and everything after.
 */
class JoinDuringOutageIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
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

    /** Only the joiner's instance is cut off from Redis (a partition), so nobody else's publishing fails. */
    @Test
    void aUserAddedWhileTheirInstanceWasCutOffFromRedisHearsTheChatAfterwards() throws Exception {
        Scene scene = Scene.set(fleet);
        TcpProxy link = fleet.redisLink(2);
        link.freeze();
        link.cut();
        awaitReadiness(fleet.uri(2), 503);

        long joined = scene.addXena();
        long during = scene.post(0, "while instance 2 was cut off");

        link.thaw();
        awaitReadiness(fleet.uri(2), 200);
        long after = scene.post(1, "after the partition");

        scene.expectXenaHeardEverythingFrom(joined, List.of(during, after));
    }

    /** Redis itself dies and comes back empty: every instance had the outage. */
    @Test
    void aUserAddedWhileRedisWasDownHearsTheChatAfterwards() throws Exception {
        Scene scene = Scene.set(fleet);
        fleet.killRedis();
        for (int i = 0; i < fleet.size(); i++) {
            awaitReadiness(fleet.uri(i), 503);
        }

        long joined = scene.addXena();
        long during = scene.post(0, "while Redis was down");

        fleet.startRedis();
        for (int i = 0; i < fleet.size(); i++) {
            awaitReadiness(fleet.uri(i), 200);
        }
        long after = scene.post(1, "after Redis came back");

        scene.expectXenaHeardEverythingFrom(joined, List.of(during, after));
    }

    /** Ada (instance 0) and Bob (instance 1) in a chat; Xena connected to instance 2 only, not in it yet. */
    private record Scene(Fleet fleet, Session ada, Session bob, Session xena, String chat, Socket adas, Socket xenas) {
        static Scene set(Fleet fleet) {
            Session ada = fleet.api(0).signUp("ada");
            Session bob = fleet.api(1).signUp("bob");
            Session xena = fleet.api(2).signUp("xena");
            String chat = fleet.api(0).post("/chats", ada.token(), Map.of("title", "k", "memberIds", List.of(bob.id())))
                    .expect(201).json().get("id").asText();
            Socket adas = Socket.open(fleet.uri(0), ada.token());
            Socket.open(fleet.uri(1), bob.token()); // instance 1 follows the chat too (closed with the fleet)
            Socket xenas = Socket.open(fleet.uri(2), xena.token());
            return new Scene(fleet, ada, bob, xena, chat, adas, xenas);
        }

        long addXena() {
            JsonNode added = fleet.api(0).post("/chats/" + chat + "/members", ada.token(), Map.of("userId", xena.id()))
                    .expect(201).json();
            assertThat(added.get("userId").asText()).isEqualTo(xena.id());
            return fleet.api(0).get("/chats/" + chat, ada.token()).expect(200).json().get("lastSeq").asLong();
        }

        long post(int instance, String text) {
            return fleet.api(instance).post("/chats/" + chat + "/messages", ada.token(), Map.of("text", text))
                    .expect(201).json().get("seq").asLong();
        }

        void expectXenaHeardEverythingFrom(long joined, List<Long> posts) {
            long last = posts.getLast();
            Cluster.awaitSeq(xenas, chat, last, WAIT);
            assertThat(xenas.history().stream().filter(f -> chat.equals(f.path("chatId").asText())).findFirst())
                    .as("the first event of the chat on Xena's socket").get()
                    .satisfies(first -> {
                        assertThat(first.get("type").asText()).isEqualTo("member_added");
                        assertThat(first.get("data").get("userId").asText()).isEqualTo(xena.id());
                    });
            DeliveryCheck check = new DeliveryCheck().watch("xena@2", xenas, chat, joined - 1).watch("ada@0", adas, chat, joined - 1);
            assertThat(check.awaitAndCheck(c -> EventLog.read(fleet.api(0), ada.token(), c), WAIT)).isEmpty();
            xenas.close();
            adas.close();
        }
    }

    static void awaitReadiness(URI base, int status) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = HTTP.send(HttpRequest.newBuilder(base.resolve("/observe/health/ready")).timeout(Duration.ofSeconds(10)).build(),
                             HttpResponse.BodyHandlers.discarding()).statusCode();
            if (last == status) {
                return;
            }
            Cluster.sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("readiness of " + base + " stayed " + last + ", expected " + status);
    }

    static Api api(int instance) {
        return fleet.api(instance);
    }
}
