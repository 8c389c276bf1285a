package com.chirpchat.bootstrap;

import java.time.Duration;
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
 * The foundation end to end over real HTTP and real WebSockets: accounts, chats, messages, live events, history,
 * catch-up, deletion, leaving, and what outsiders and bad input get. Runs once per store (subclasses).
 */
abstract class ApiFlowIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    protected static ChirpChatServer server;
    protected static Api api;

    protected static void startServer(Map<String, String> settings) {
        server = com.chirpchat.bootstrap.support.TestServer.start(settings);
        api = new Api(server.baseUri());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoPeopleChatInRealTime() {
        Session ada = api.signUp("ada");
        Session bob = api.signUp("bob");

        JsonNode me = api.get("/users/me", ada.token()).expect(200).json();
        assertThat(me.get("username").asText()).isEqualTo(ada.username());
        JsonNode found = api.get("/users?username=" + bob.username(), ada.token()).expect(200).json();
        assertThat(found.get("items")).hasSize(1);
        assertThat(found.get("items").get(0).get("id").asText()).isEqualTo(bob.id());

        JsonNode chat = api.post("/chats", ada.token(), Map.of("title", "Plans", "memberIds", List.of(bob.id()))).expect(201).json();
        String chatId = chat.get("id").asText();
        assertThat(chat.get("lastSeq").asLong()).isEqualTo(2);
        assertThat(chat.get("members").toString()).contains(ada.id()).contains("owner").contains(bob.id());

        try (Socket adas = Socket.open(api.base(), ada.token());
             Socket bobs = Socket.connect(api.base(), null, Map.of())) {
            bobs.send(Map.of("type", "auth", "token", bob.token()));
            JsonNode hello = bobs.await(f -> f.path("type").asText().equals("hello"), WAIT);
            assertThat(hello.get("userId").asText()).isEqualTo(bob.id());
            assertThat(hello.get("connectionId").asText()).isNotBlank();

            JsonNode first = api.post("/chats/" + chatId + "/messages", ada.token(), Map.of("text", "hi bob", "clientMessageId", "c-1"))
                    .expect(201).json();
            JsonNode second = api.post("/chats/" + chatId + "/messages", bob.token(), Map.of("text", "hi ada")).expect(201).json();
            assertThat(first.get("seq").asLong()).isEqualTo(3);
            assertThat(second.get("seq").asLong()).isEqualTo(4);

            for (Socket socket : List.of(adas, bobs)) {
                List<JsonNode> events = socket.events(chatId, 2, WAIT);
                assertThat(events).extracting(e -> e.get("seq").asLong()).containsExactly(3L, 4L);
                assertThat(events.get(0).get("type").asText()).isEqualTo("message_created");
                assertThat(events.get(0).get("data").get("text").asText()).isEqualTo("hi bob");
                assertThat(events.get(1).get("data").get("authorId").asText()).isEqualTo(bob.id());
            }

            // a retried post returns the first message and emits nothing new
            JsonNode retried = api.post("/chats/" + chatId + "/messages", ada.token(), Map.of("text", "hi bob", "clientMessageId", "c-1"))
                    .expect(200).json();
            assertThat(retried.get("id").asText()).isEqualTo(first.get("id").asText());

            // history, newest first, with a cursor
            JsonNode page = api.get("/chats/" + chatId + "/messages?limit=1", bob.token()).expect(200).json();
            assertThat(page.get("items").get(0).get("text").asText()).isEqualTo("hi ada");
            long before = page.get("nextBefore").asLong();
            JsonNode older = api.get("/chats/" + chatId + "/messages?limit=5&before=" + before, bob.token()).expect(200).json();
            assertThat(older.get("items")).extracting(m -> m.get("text").asText()).containsExactly("hi bob");
            assertThat(older.get("nextBefore").isNull()).isTrue();

            // catching up after a gap
            JsonNode missed = api.get("/chats/" + chatId + "/events?after=2", bob.token()).expect(200).json();
            assertThat(missed.get("items")).extracting(e -> e.get("seq").asLong()).containsExactly(3L, 4L);
            assertThat(missed.get("hasMore").asBoolean()).isFalse();

            // deletion: not by another plain member, yes by the author; everyone hears of it
            String firstId = first.get("id").asText();
            api.delete("/messages/" + firstId, bob.token()).expectProblem(403, "forbidden");
            api.delete("/messages/" + firstId, ada.token()).expect(204);
            for (Socket socket : List.of(adas, bobs)) {
                JsonNode deleted = socket.events(chatId, 1, WAIT).get(0);
                assertThat(deleted.get("type").asText()).isEqualTo("message_deleted");
                assertThat(deleted.get("seq").asLong()).isEqualTo(5);
                assertThat(deleted.get("data").get("messageId").asText()).isEqualTo(firstId);
            }
            JsonNode tombstone = api.get("/chats/" + chatId + "/messages", ada.token()).expect(200).json().get("items").get(1);
            assertThat(tombstone.get("deleted").asBoolean()).isTrue();
            assertThat(tombstone.get("text").isNull()).isTrue();
            assertThat(api.get("/chats/" + chatId + "/events?after=2&limit=1", ada.token()).expect(200).json()
                               .get("items").get(0).get("data").get("deleted").asBoolean())
                    .as("the event log no longer serves the deleted text").isTrue();

            // leaving: bob hears his removal, then nothing more from this chat
            api.delete("/chats/" + chatId + "/members/" + bob.id(), bob.token()).expect(204);
            JsonNode removed = bobs.events(chatId, 1, WAIT).get(0);
            assertThat(removed.get("type").asText()).isEqualTo("member_removed");
            assertThat(removed.get("data").get("userId").asText()).isEqualTo(bob.id());
            int heardBefore = bobs.history().size();
            api.post("/chats/" + chatId + "/messages", ada.token(), Map.of("text", "bob left")).expect(201);
            assertThat(adas.events(chatId, 2, WAIT)).extracting(e -> e.get("type").asText())
                    .containsExactly("member_removed", "message_created");
            api.get("/chats/" + chatId, bob.token()).expectProblem(403, "not_a_member");
            bobs.roundTrip();
            assertThat(bobs.history().subList(heardBefore, bobs.history().size()))
                    .noneMatch(f -> chatId.equals(f.path("chatId").asText()));
        }
    }

    @Test
    void theGroupCommitIsCountedInTheMetrics() {
        Session ada = api.signUp("ada");
        String chatId = api.post("/chats", ada.token(), Map.of("title", "Counted", "memberIds", List.of())).expect(201).json().get("id").asText();
        long batches = counter("chirpchat_db_batches");
        long changes = counter("chirpchat_db_batched_changes");
        api.post("/chats/" + chatId + "/messages", ada.token(), Map.of("text", "one")).expect(201);
        api.post("/chats/" + chatId + "/messages", ada.token(), Map.of("text", "two")).expect(201);
        // one after the other: each its own transaction (others' tests may add theirs meanwhile)
        assertThat(counter("chirpchat_db_batches") - batches).isGreaterThanOrEqualTo(2);
        assertThat(counter("chirpchat_db_batched_changes") - changes).isGreaterThanOrEqualTo(2);
    }

    /** A counter of /observe/metrics, summed over its series. */
    private static long counter(String name) {
        return api.get("/observe/metrics", null).expect(200).body().lines()
                .filter(l -> l.startsWith(name + "_total") || l.startsWith(name + "{"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void anAddedMemberStartsReceivingAtOnce() {
        Session ada = api.signUp("ada");
        Session cid = api.signUp("cid");
        String chatId = api.post("/chats", ada.token(), Map.of("title", "Later", "memberIds", List.of())).expect(201).json().get("id").asText();
        try (Socket cids = Socket.open(api.base(), cid.token())) {
            api.post("/chats/" + chatId + "/members", ada.token(), Map.of("userId", cid.id())).expect(201);
            api.post("/chats/" + chatId + "/messages", ada.token(), Map.of("text", "welcome")).expect(201);
            List<JsonNode> events = cids.events(chatId, 2, WAIT);
            assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("member_added", "message_created");
            assertThat(events.get(0).get("data").get("role").asText()).isEqualTo("member");
        }
    }

    @Test
    void outsidersGet403EverywhereAndChangeNothing() {
        Session ada = api.signUp("ada");
        Session eve = api.signUp("eve");
        String chatId = api.post("/chats", ada.token(), Map.of("title", "Private", "memberIds", List.of())).expect(201).json().get("id").asText();
        String messageId = api.post("/chats/" + chatId + "/messages", ada.token(), Map.of("text", "secret")).expect(201).json().get("id").asText();

        try (Socket eves = Socket.open(api.base(), eve.token())) {
            api.get("/chats/" + chatId, eve.token()).expectProblem(403, "not_a_member");
            api.get("/chats/" + chatId + "/messages", eve.token()).expectProblem(403, "not_a_member");
            api.get("/chats/" + chatId + "/events?after=0", eve.token()).expectProblem(403, "not_a_member");
            api.post("/chats/" + chatId + "/messages", eve.token(), Map.of("text", "let me in")).expectProblem(403, "not_a_member");
            api.post("/chats/" + chatId + "/members", eve.token(), Map.of("userId", eve.id())).expectProblem(403, "not_a_member");
            api.delete("/chats/" + chatId + "/members/" + ada.id(), eve.token()).expectProblem(403, "not_a_member");
            api.delete("/messages/" + messageId, eve.token()).expectProblem(403, "not_a_member");
            assertThat(api.get("/chats", eve.token()).expect(200).json().get("items")).isEmpty();

            api.post("/chats/" + chatId + "/messages", ada.token(), Map.of("text", "still private")).expect(201);
            JsonNode chat = api.get("/chats/" + chatId, ada.token()).expect(200).json();
            assertThat(chat.get("lastSeq").asLong()).as("only ada's two messages changed the chat").isEqualTo(3);
            eves.roundTrip();
            assertThat(eves.history()).noneMatch(f -> chatId.equals(f.path("chatId").asText()));
        }
    }

    @Test
    void badInputGetsA4xxProblemAndChangesNothing() {
        Session ada = api.signUp("ada");
        String chatId = api.post("/chats", ada.token(), Map.of("title", "Strict", "memberIds", List.of())).expect(201).json().get("id").asText();
        String messages = "/chats/" + chatId + "/messages";

        api.postRaw(messages, ada.token(), "application/json", "{\"text\": ").expectProblem(400, "validation_failed");
        api.postRaw(messages, ada.token(), "application/json", "{\"text\": 42}").expectProblem(400, "validation_failed");
        api.postRaw(messages, ada.token(), "application/json", "[]").expectProblem(400, "validation_failed");
        api.post(messages, ada.token(), Map.of("text", "x".repeat(4001))).expectProblem(400, "validation_failed");
        api.post(messages, ada.token(), Map.of("text", "   ")).expectProblem(400, "validation_failed");
        api.postRaw(messages, ada.token(), "text/plain", "hello").expectProblem(415, "unsupported_media_type");
        api.post(messages, "not-a-token", Map.of("text", "hi")).expectProblem(401, "unauthenticated");
        api.post(messages, null, Map.of("text", "hi")).expectProblem(401, "unauthenticated");
        api.get("/chats/not-a-uuid/messages", ada.token()).expectProblem(400, "validation_failed");
        api.get(messages + "?limit=abc", ada.token()).expectProblem(400, "validation_failed");
        api.get(messages + "?limit=100000", ada.token()).expectProblem(400, "validation_failed");
        api.get("/chats/" + java.util.UUID.randomUUID(), ada.token()).expectProblem(404, "not_found");
        api.get("/no/such/route", ada.token()).expectProblem(404, "not_found");
        api.post("/auth/register", null, Map.of("username", "No Spaces!", "password", "password1")).expectProblem(400, "validation_failed");
        api.post("/auth/register", null, Map.of("username", "shortpw", "password", "short")).expectProblem(400, "validation_failed");
        api.post("/auth/register", null, Map.of("username", ada.username(), "password", "password1")).expectProblem(409, "conflict");
        api.post("/auth/login", null, Map.of("username", ada.username(), "password", "wrong-password")).expectProblem(401, "unauthenticated");
        api.postRaw(messages, ada.token(), "application/json", "{\"text\":\"" + "y".repeat(200_000) + "\"}").expectProblem(413, "payload_too_large");

        assertThat(api.get("/chats/" + chatId, ada.token()).expect(200).json().get("lastSeq").asLong()).isEqualTo(1);
        assertThat(api.get(messages, ada.token()).expect(200).json().get("items")).isEmpty();
    }

    @Test
    void theLastOwnerCannotLeaveOthersBehind() {
        Session ada = api.signUp("ada");
        Session bob = api.signUp("bob");
        String chatId = api.post("/chats", ada.token(), Map.of("title", "Duty", "memberIds", List.of(bob.id()))).expect(201).json().get("id").asText();
        api.delete("/chats/" + chatId + "/members/" + ada.id(), ada.token()).expectProblem(409, "conflict");
        api.post("/chats/" + chatId + "/members", bob.token(), Map.of("userId", ada.id())).expectProblem(403, "forbidden");
        api.delete("/chats/" + chatId + "/members/" + bob.id(), ada.token()).expect(204);
        api.delete("/chats/" + chatId + "/members/" + ada.id(), ada.token()).expect(204);
    }
}
