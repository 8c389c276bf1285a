package com.chirpchat.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.message.PostMessageCommand;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.user.User;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MessageApiTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int stored(Chat chat, User reader) {
        return server.app.listMessages.messages(reader.id(), chat.id(), OptionalLong.empty(), OptionalInt.of(200)).items().size();
    }

    @Test
    void postsAMessage() {
        User author = server.app.user("author");
        Chat chat = server.app.chat(author);

        TestServer.Reply reply = server.post("/chats/" + chat.id() + "/messages", server.token(author),
                                             "{\"text\":\"hello there\",\"clientMessageId\":\"c-1\"}");

        assertThat(reply.status()).isEqualTo(201);
        JsonNode message = reply.json();
        assertThat(message.path("text").asText()).isEqualTo("hello there");
        assertThat(message.path("kind").asText()).isEqualTo("text");
        assertThat(message.path("chatId").asText()).isEqualTo(chat.id().toString());
        assertThat(message.path("authorId").asText()).isEqualTo(author.id().toString());
        assertThat(message.path("seq").asLong()).isEqualTo(2);
        assertThat(message.path("deleted").asBoolean()).isFalse();
        assertThat(message.has("media")).isTrue();
        assertThat(message.path("media").isNull()).isTrue();
    }

    @Test
    void aRepeatedClientMessageIdReturnsTheFirstMessageWith200() {
        User author = server.app.user("retrier");
        Chat chat = server.app.chat(author);
        String path = "/chats/" + chat.id() + "/messages";

        TestServer.Reply first = server.post(path, server.token(author), "{\"text\":\"once\",\"clientMessageId\":\"retry-1\"}");
        TestServer.Reply again = server.post(path, server.token(author), "{\"text\":\"once\",\"clientMessageId\":\"retry-1\"}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(stored(chat, author)).isEqualTo(1);
    }

    /** A store that could not have the chat in time (a busy or frozen chat): 503 with Retry-After, to be retried. */
    @Test
    void aPostTheStoreCannotTakeNowIs503WithRetryAfter() {
        try (TestServer busy = new TestServer(java.util.Map.of(), uses -> uses.postMessage(command -> {
            throw UseCaseException.unavailable("the chat is busy; try again", Duration.ofMillis(1500));
        }))) {
            User author = busy.app.user("busy_author");
            Chat chat = busy.app.chat(author);

            TestServer.Reply reply = busy.post("/chats/" + chat.id() + "/messages", busy.token(author),
                                               "{\"text\":\"later\",\"clientMessageId\":\"c-9\"}");

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.problemCode()).isEqualTo("unavailable");
            assertThat(reply.header("Retry-After")).isEqualTo("2");
        }
    }

    @Test
    void badMessagesAreRefusedAndStoreNothing() {
        User author = server.app.user("sloppy");
        Chat chat = server.app.chat(author);
        String path = "/chats/" + chat.id() + "/messages";
        String[][] cases = {
                {"{}", "text:"},
                {"{\"text\":\"\"}", "text:"},
                {"{\"text\":\"" + "a".repeat(4001) + "\"}", "text:"},
                {"{\"text\":[\"a\"]}", "text:"},
                {"{\"text\":\"ok\",\"clientMessageId\":\"has space\"}", "clientMessageId:"},
                {"{\"text\":\"ok\",\"clientMessageId\":7}", "clientMessageId:"},
                {"{\"text\":\"bell\\u0007\"}", "text:"},
        };
        for (String[] c : cases) {
            TestServer.Reply reply = server.post(path, server.token(author), c[0]);
            assertThat(reply.status()).as(c[0]).isEqualTo(400);
            assertThat(reply.problemCode()).isEqualTo("validation_failed");
            assertThat(reply.json().path("detail").asText()).as(c[0]).startsWith(c[1]);
        }
        assertThat(stored(chat, author)).isZero();
    }

    @Test
    void fourThousandCharactersAreFine() {
        User author = server.app.user("verbose");
        Chat chat = server.app.chat(author);

        TestServer.Reply reply = server.post("/chats/" + chat.id() + "/messages", server.token(author),
                                             "{\"text\":\"" + "\uD83D\uDE00".repeat(4000) + "\"}");

        assertThat(reply.status()).isEqualTo(201);
    }

    @Test
    void nonMembersGet403OnEveryChatEndpoint() {
        User owner = server.app.user("host");
        User outsider = server.app.user("intruder");
        Chat chat = server.app.chat(owner);
        String token = server.token(outsider);
        String base = "/chats/" + chat.id();

        assertThat(server.get(base, token).problemCode()).isEqualTo("not_a_member");
        assertThat(server.post(base + "/messages", token, "{\"text\":\"hi\"}").problemCode()).isEqualTo("not_a_member");
        assertThat(server.get(base + "/messages", token).problemCode()).isEqualTo("not_a_member");
        assertThat(server.get(base + "/events", token).problemCode()).isEqualTo("not_a_member");
        assertThat(server.post(base + "/members", token, "{\"userId\":\"" + outsider.id() + "\"}").problemCode())
                .isEqualTo("not_a_member");
        assertThat(server.delete(base + "/members/" + owner.id(), token).problemCode()).isEqualTo("not_a_member");
        assertThat(stored(chat, owner)).isZero();
    }

    @Test
    void pagesThroughMessagesNewestFirst() {
        User author = server.app.user("pager");
        Chat chat = server.app.chat(author);
        for (int i = 1; i <= 5; i++) {
            server.app.postMessage.post(PostMessageCommand.of(author.id(), chat.id(), "m" + i, null));
        }
        String token = server.token(author);

        JsonNode first = server.get("/chats/" + chat.id() + "/messages?limit=2", token).json();
        long before = first.path("nextBefore").asLong();
        JsonNode second = server.get("/chats/" + chat.id() + "/messages?limit=2&before=" + before, token).json();
        JsonNode last = server.get("/chats/" + chat.id() + "/messages?limit=2&before="
                                           + second.path("nextBefore").asLong(), token).json();

        assertThat(first.path("items").findValuesAsText("text")).containsExactly("m5", "m4");
        assertThat(second.path("items").findValuesAsText("text")).containsExactly("m3", "m2");
        assertThat(last.path("items").findValuesAsText("text")).containsExactly("m1");
        assertThat(last.has("nextBefore")).isTrue();
        assertThat(last.path("nextBefore").isNull()).isTrue();
    }

    @Test
    void badPagingParametersAre400() {
        User author = server.app.user("badpager");
        Chat chat = server.app.chat(author);
        String token = server.token(author);
        String base = "/chats/" + chat.id();

        for (String query : new String[] {"limit=abc", "limit=-1", "limit=0", "limit=201", "limit=1.5", "before=0",
                "before=x", "limit=", "limit=99999999999999999999"}) {
            TestServer.Reply reply = server.get(base + "/messages?" + query, token);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.problemCode()).isEqualTo("validation_failed");
        }
        for (String query : new String[] {"after=-1", "after=abc", "limit=1001", "limit=0"}) {
            TestServer.Reply reply = server.get(base + "/events?" + query, token);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.problemCode()).isEqualTo("validation_failed");
        }
    }

    @Test
    void deletesMessagesLeavingTombstones() {
        User author = server.app.user("deleter");
        User member = server.app.user("bystander");
        Chat chat = server.app.chat(author, member);
        String id = server.post("/chats/" + chat.id() + "/messages", server.token(author), "{\"text\":\"oops\"}")
                .json().path("id").asText();

        TestServer.Reply byOther = server.delete("/messages/" + id, server.token(member));
        TestServer.Reply byAuthor = server.delete("/messages/" + id, server.token(author));
        TestServer.Reply again = server.delete("/messages/" + id, server.token(author));
        TestServer.Reply unknown = server.delete("/messages/" + UUID.randomUUID(), server.token(author));
        TestServer.Reply malformed = server.delete("/messages/42", server.token(author));

        assertThat(byOther.status()).isEqualTo(403);
        assertThat(byOther.problemCode()).isEqualTo("forbidden");
        assertThat(byAuthor.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(204);
        assertThat(unknown.problemCode()).isEqualTo("not_found");
        assertThat(malformed.status()).isEqualTo(400);
        JsonNode tombstone = server.get("/chats/" + chat.id() + "/messages", server.token(member)).json().path("items").get(0);
        assertThat(tombstone.path("id").asText()).isEqualTo(id);
        assertThat(tombstone.path("deleted").asBoolean()).isTrue();
        assertThat(tombstone.path("text").isNull()).isTrue();
    }

    @Test
    void listsEventsAfterASequenceNumber() {
        User owner = server.app.user("eventful");
        User member = server.app.user("eventee");
        Chat chat = server.app.chat(owner, member);
        server.app.postMessage.post(PostMessageCommand.of(owner.id(), chat.id(), "first", null));
        server.app.postMessage.post(PostMessageCommand.of(member.id(), chat.id(), "second", null));
        String token = server.token(member);

        JsonNode all = server.get("/chats/" + chat.id() + "/events", token).json();
        JsonNode page = server.get("/chats/" + chat.id() + "/events?after=1&limit=2", token).json();
        JsonNode rest = server.get("/chats/" + chat.id() + "/events?after=3", token).json();

        assertThat(all.path("items").findValuesAsText("type"))
                .containsExactly("member_added", "member_added", "message_created", "message_created");
        assertThat(all.path("hasMore").asBoolean()).isFalse();
        JsonNode event = all.path("items").get(2);
        assertThat(event.path("chatId").asText()).isEqualTo(chat.id().toString());
        assertThat(event.path("seq").asLong()).isEqualTo(3);
        assertThat(event.path("at").asText()).endsWith("Z");
        assertThat(event.path("data").path("text").asText()).isEqualTo("first");
        assertThat(page.path("items")).extracting(item -> item.path("seq").asLong()).containsExactly(2L, 3L);
        assertThat(page.path("hasMore").asBoolean()).isTrue();
        assertThat(rest.path("items")).hasSize(1);
    }
}
