package com.chirpchat.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.chirpchat.application.chat.AddMemberCommand;
import com.chirpchat.application.message.PostMessageCommand;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.user.User;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebSocketTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(Map.of("ws.auth-timeout", "PT10S",
                                       "ws.max-message-bytes", "1024",
                                       "ws.max-frames-per-second", "5",
                                       "ws.frame-burst", "20",
                                       "ws.close-timeout", "PT0.5S",
                                       "ws.allowed-origins", "https://app.example"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, String> bearer(User user) {
        return Map.of("Authorization", "Bearer " + server.token(user));
    }

    private static void post(User author, Chat chat, String text) {
        server.app.postMessage.post(PostMessageCommand.of(author.id(), chat.id(), text, null));
    }

    private static int handshakeStatus(Map<String, String> headers) {
        try {
            WsProbe.attempt(server, headers, new WsProbe()).get(10, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void headerAuthenticationGetsHelloFirstThenEvents() {
        User alice = server.app.user("ws_alice");
        Chat chat = server.app.chat(alice);
        WsProbe probe = WsProbe.connect(server, bearer(alice));

        JsonNode hello = probe.next();
        probe.awaitSubscribed();
        post(alice, chat, "hi socket");
        JsonNode event = probe.next();

        assertThat(hello.path("type").asText()).isEqualTo("hello");
        assertThat(hello.path("userId").asText()).isEqualTo(alice.id().toString());
        assertThat(hello.path("connectionId").asText()).isNotBlank();
        assertThat(event.path("type").asText()).isEqualTo("message_created");
        assertThat(event.path("chatId").asText()).isEqualTo(chat.id().toString());
        assertThat(event.path("seq").asLong()).isEqualTo(2);
        assertThat(event.path("at").asText()).endsWith("Z");
        assertThat(event.path("data").path("text").asText()).isEqualTo("hi socket");
        probe.abort();
    }

    /**
     * The contract: after {@code hello} the client receives every event of its chats. A subscription that takes a
     * while (a slow database read of the user's chats) must not let an event committed right after the client saw
     * {@code hello} slip between the read and the subscription. The subscription here waits (bounded) for the post
     * the test makes once hello has arrived: were hello sent before subscribing, that post would be in the chats'
     * snapshot yet never delivered.
     */
    @Test
    void anEventCommittedRightAfterHelloIsDelivered() {
        CountDownLatch posted = new CountDownLatch(1);
        try (TestServer slow = new TestServer(Map.of(), (app, uses) -> uses.subscriptions(sink -> {
            try {
                posted.await(1, TimeUnit.SECONDS); // hello first (the fix) means nobody posts: go on after a second
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return uses.router().subscribe(sink);
        }))) {
            User ivy = slow.app.user("ws_ivy");
            Chat chat = slow.app.chat(ivy);
            WsProbe probe = WsProbe.connect(slow, Map.of("Authorization", "Bearer " + slow.token(ivy)));

            assertThat(probe.next().path("type").asText()).isEqualTo("hello");
            slow.app.postMessage.post(PostMessageCommand.of(ivy.id(), chat.id(), "right after hello", null));
            posted.countDown();

            JsonNode event = probe.next();
            assertThat(event.path("type").asText()).isEqualTo("message_created");
            assertThat(event.path("data").path("text").asText()).isEqualTo("right after hello");
            probe.abort();
        }
    }

    @Test
    void firstFrameAuthentication() {
        User bob = server.app.user("ws_bob");
        Chat chat = server.app.chat(bob);
        WsProbe probe = WsProbe.connect(server, Map.of());

        probe.send("{\"type\":\"auth\",\"token\":\"" + server.token(bob) + "\"}");
        JsonNode hello = probe.next();
        probe.awaitSubscribed();
        post(bob, chat, "after auth");

        assertThat(hello.path("type").asText()).isEqualTo("hello");
        assertThat(hello.path("userId").asText()).isEqualTo(bob.id().toString());
        assertThat(probe.next().path("data").path("text").asText()).isEqualTo("after auth");
        probe.abort();
    }

    @Test
    void withoutAuthenticationInTimeTheSocketCloses4401() {
        try (TestServer impatient = new TestServer(Map.of("ws.auth-timeout", "PT0.3S"))) {
            WsProbe probe = WsProbe.connect(impatient, Map.of());

            assertThat(probe.awaitClose()).isEqualTo(4401);
            assertThat(probe.messages).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> impatient.api.webSocketConnections() == 0);
        }
    }

    @Test
    void anythingButAnAuthFrameFirstCloses4401() {
        User carol = server.app.user("ws_carol");
        String[] firstFrames = {"{\"type\":\"ping\"}", "not json", "{\"type\":\"auth\"}",
                "{\"type\":\"auth\",\"token\":\"token:" + java.util.UUID.randomUUID() + "\"}",
                "{\"type\":\"auth\",\"token\":\"garbage\"}", "{\"token\":\"" + server.token(carol) + "\"}"};
        for (String first : firstFrames) {
            WsProbe probe = WsProbe.connect(server, Map.of());
            probe.send(first);
            assertThat(probe.awaitClose()).as(first).isEqualTo(4401);
            assertThat(probe.messages).as(first).isEmpty();
        }
        WsProbe binary = WsProbe.connect(server, Map.of());
        binary.socket().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true);
        assertThat(binary.awaitClose()).isEqualTo(4401);
    }

    @Test
    void anInvalidHeaderTokenIsRefusedWith401() {
        assertThat(handshakeStatus(Map.of("Authorization", "Bearer token:" + java.util.UUID.randomUUID()))).isEqualTo(401);
        assertThat(handshakeStatus(Map.of("Authorization", "Basic abc"))).isEqualTo(401);
    }

    @Test
    void originsOutsideTheConfiguredListAreRefused() {
        User dave = server.app.user("ws_dave");

        assertThat(handshakeStatus(Map.of("Origin", "https://evil.example"))).isEqualTo(403);
        assertThat(handshakeStatus(Map.of("Origin", "null"))).isEqualTo(403);
        assertThat(handshakeStatus(Map.of("Origin", "https://evil.example", "Authorization", "Bearer " + server.token(dave))))
                .isEqualTo(403);
        assertThat(handshakeStatus(Map.of("Origin", "https://app.example", "Authorization", "Bearer " + server.token(dave))))
                .isEqualTo(101);
    }

    @Test
    void withoutConfiguredOriginsOnlyThisServersOwnPagesMayConnect() {
        try (TestServer local = new TestServer()) {
            User erin = local.app.user("ws_erin");
            Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + local.token(erin)));
            headers.put("Origin", "http://127.0.0.1:" + local.port());
            WsProbe own = WsProbe.connect(local, headers);
            assertThat(own.next().path("type").asText()).isEqualTo("hello");
            own.abort();

            for (String origin : new String[] {"http://localhost:" + (local.port() + 1), "http://example.com:" + local.port(),
                    "https://app.example"}) {
                headers.put("Origin", origin);
                assertThatThrownBy(() -> WsProbe.connect(local, headers)).as(origin)
                        .hasStackTraceContaining("status code 403");
            }
            headers.remove("Origin");
            WsProbe native_ = WsProbe.connect(local, headers);
            assertThat(native_.next().path("type").asText()).isEqualTo("hello");
            native_.abort();
        }
    }

    @Test
    void eventsArriveOncePerChatInSequenceOrder() {
        User frank = server.app.user("ws_frank");
        User grace = server.app.user("ws_grace");
        Chat one = server.app.chat(frank, grace);
        Chat two = server.app.chat(grace, frank);
        WsProbe probe = WsProbe.connect(server, bearer(frank));
        probe.next("hello");
        probe.awaitSubscribed();

        for (int i = 0; i < 30; i++) {
            post(grace, i % 2 == 0 ? one : two, "message " + i);
        }
        Map<String, List<Long>> seqs = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            JsonNode event = probe.next();
            seqs.computeIfAbsent(event.path("chatId").asText(), k -> new ArrayList<>()).add(event.path("seq").asLong());
        }

        assertThat(seqs.get(one.id().toString())).containsExactlyElementsOf(range(3, 15));
        assertThat(seqs.get(two.id().toString())).containsExactlyElementsOf(range(3, 15));
        probe.abort();
    }

    private static List<Long> range(long from, int count) {
        List<Long> values = new ArrayList<>();
        for (long i = from; i < from + count; i++) {
            values.add(i);
        }
        return values;
    }

    @Test
    void pingGetsPong() {
        User heidi = server.app.user("ws_heidi");
        WsProbe probe = WsProbe.connect(server, bearer(heidi));
        probe.next("hello");

        probe.send("{\"type\":\"ping\"}");

        assertThat(probe.next().path("type").asText()).isEqualTo("pong");
        probe.abort();
    }

    @Test
    void badFramesGetErrorFramesAndTheSocketStaysOpen() {
        User ivan = server.app.user("ws_ivan");
        WsProbe probe = WsProbe.connect(server, bearer(ivan));
        probe.next("hello");

        probe.send("not json at all");
        JsonNode notJson = probe.next();
        probe.send("{\"no\":\"type\"}");
        JsonNode noType = probe.next();
        probe.send("{\"type\":\"dance\"}");
        JsonNode unknown = probe.next();
        probe.send("{\"type\":\"auth\",\"token\":\"again\"}");
        JsonNode auth = probe.next();
        probe.socket().sendBinary(ByteBuffer.wrap(new byte[] {1}), true).join();
        JsonNode binary = probe.next();
        probe.send("{\"type\":\"ping\"}");

        assertThat(List.of(notJson, noType, unknown, auth, binary)).allSatisfy(error -> {
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("detail").asText()).isNotBlank();
        });
        assertThat(notJson.path("code").asText()).isEqualTo("bad_frame");
        assertThat(noType.path("code").asText()).isEqualTo("bad_frame");
        assertThat(unknown.path("code").asText()).isEqualTo("unknown_type");
        assertThat(auth.path("code").asText()).as("an auth frame on an open socket re-authenticates").isEqualTo("invalid_token");
        assertThat(binary.path("code").asText()).isEqualTo("unsupported_frame");
        assertThat(probe.next().path("type").asText()).isEqualTo("pong");
        assertThat(probe.closed).isNotDone();
        probe.abort();
    }

    @Test
    void anOversizedMessageClosesTheSocket1009() {
        User judy = server.app.user("ws_judy");
        WsProbe whole = WsProbe.connect(server, bearer(judy));
        whole.next("hello");
        WsProbe fragmented = WsProbe.connect(server, bearer(judy));
        fragmented.next("hello");

        whole.socket().sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(2000) + "\"}", true);
        fragmented.socket().sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(600), false).join();
        fragmented.socket().sendText("x".repeat(600) + "\"}", true);

        assertThat(whole.awaitClose()).isEqualTo(1009);
        assertThat(fragmented.awaitClose()).isEqualTo(1009);
    }

    @Test
    void aFloodClosesTheSocket1008() {
        User kim = server.app.user("ws_kim");
        WsProbe probe = WsProbe.connect(server, bearer(kim));
        probe.next("hello");

        for (int i = 0; i < 500 && !probe.closed.isDone(); i++) {
            try {
                probe.socket().sendText("{\"type\":\"ping\"}", true).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                break; // the server closed on us
            }
        }

        assertThat(probe.awaitClose()).isEqualTo(1008);
    }

    @Test
    void membershipChangesStartAndStopTheStream() {
        User owner = server.app.user("ws_owner");
        User joiner = server.app.user("ws_joiner");
        Chat chat = server.app.chat(owner);
        WsProbe ownerProbe = WsProbe.connect(server, bearer(owner));
        ownerProbe.next("hello");
        ownerProbe.awaitSubscribed();
        WsProbe joinerProbe = WsProbe.connect(server, bearer(joiner));
        joinerProbe.next("hello");
        joinerProbe.awaitSubscribed();

        server.app.addMember.add(new AddMemberCommand(owner.id(), chat.id(), joiner.id(), Role.MEMBER));
        JsonNode added = joinerProbe.next();
        post(owner, chat, "welcome");
        JsonNode welcome = joinerProbe.next();
        server.app.removeMember.remove(owner.id(), chat.id(), joiner.id());
        JsonNode removed = joinerProbe.next();
        post(owner, chat, "after you left");
        ownerProbe.next("member_removed");
        assertThat(ownerProbe.next("message_created").path("data").path("text").asText()).isEqualTo("after you left");
        // a pong is queued behind anything sent before it: no message event may sit in front
        joinerProbe.send("{\"type\":\"ping\"}");
        JsonNode next = joinerProbe.next();

        assertThat(added.path("type").asText()).isEqualTo("member_added");
        assertThat(added.path("data").path("userId").asText()).isEqualTo(joiner.id().toString());
        assertThat(welcome.path("data").path("text").asText()).isEqualTo("welcome");
        assertThat(removed.path("type").asText()).isEqualTo("member_removed");
        assertThat(next.path("type").asText()).isEqualTo("pong");
        ownerProbe.abort();
        joinerProbe.abort();
    }

    @Test
    void closingReleasesTheSubscription() {
        User leo = server.app.user("ws_leo");
        Chat chat = server.app.chat(leo);
        WsProbe probe = WsProbe.connect(server, bearer(leo));
        probe.next("hello");
        probe.awaitSubscribed();
        assertThat(server.app.fanout.follows(chat.id())).isEqualTo(1);

        probe.socket().sendClose(1000, "bye").join();

        assertThat(probe.awaitClose()).isEqualTo(1000);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.app.fanout.follows(chat.id()) == 0
                && server.app.fanout.follows(leo.id()) == 0);
    }

    @Test
    void anAbortedClientIsForgotten() {
        User mia = server.app.user("ws_mia");
        Chat chat = server.app.chat(mia);
        WsProbe probe = WsProbe.connect(server, bearer(mia));
        probe.next("hello");
        probe.awaitSubscribed();
        assertThat(server.app.fanout.follows(chat.id())).as("subscribed before the client vanishes").isEqualTo(1);

        probe.abort();

        // Helidon does not report a vanished peer to the listener: the hub's sweep finds the ended connection
        await().atMost(Duration.ofSeconds(10)).until(() -> server.app.fanout.follows(chat.id()) == 0);
    }

    @Test
    void shuttingDownClosesSockets1001() {
        try (TestServer closing = new TestServer()) {
            User nina = closing.app.user("ws_nina");
            WsProbe probe = WsProbe.connect(closing, Map.of("Authorization", "Bearer " + closing.token(nina)));
            probe.next("hello");

            closing.api.close();

            assertThat(probe.awaitClose()).isEqualTo(1001);
            assertThat(closing.api.webSocketConnections()).isZero();
        }
    }
}
