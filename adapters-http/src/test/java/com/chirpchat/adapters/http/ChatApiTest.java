package com.chirpchat.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.user.User;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChatApiTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createsAChatWithTheCallerAsOwner() {
        User owner = server.app.user("owner");
        User member = server.app.user("member");

        TestServer.Reply reply = server.post("/chats", server.token(owner),
                                             "{\"title\":\"Lunch\",\"memberIds\":[\"" + member.id() + "\"]}");

        assertThat(reply.status()).isEqualTo(201);
        JsonNode chat = reply.json();
        assertThat(reply.header("Location")).isEqualTo("/chats/" + chat.path("id").asText());
        assertThat(chat.path("title").asText()).isEqualTo("Lunch");
        assertThat(chat.path("lastSeq").asLong()).isEqualTo(2);
        assertThat(chat.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(chat.path("members")).hasSize(2);
        assertThat(chat.path("members").findValuesAsText("role")).containsExactlyInAnyOrder("owner", "member");
    }

    @Test
    void membersIdsAreOptional() {
        User owner = server.app.user("solo");

        TestServer.Reply reply = server.post("/chats", server.token(owner), "{\"title\":\"Notes\"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("members")).hasSize(1);
    }

    @Test
    void invalidChatsAreRefusedAndNothingIsCreated() {
        User owner = server.app.user("picky");
        String token = server.token(owner);
        String[][] cases = {
                {"{\"memberIds\":[]}", "title:"},
                {"{\"title\":\"   \"}", "title:"},
                {"{\"title\":\"" + "t".repeat(201) + "\"}", "title:"},
                {"{\"title\":42}", "title:"},
                {"{\"title\":\"x\",\"memberIds\":\"not-an-array\"}", "memberIds:"},
                {"{\"title\":\"x\",\"memberIds\":[42]}", "memberIds[0]:"},
                {"{\"title\":\"x\",\"memberIds\":[\"not-a-uuid\"]}", "memberIds[0]:"},
                {"{\"title\":\"x\",\"memberIds\":[\"" + UUID.randomUUID() + "\"]}", "memberIds:"},
        };
        for (String[] c : cases) {
            TestServer.Reply reply = server.post("/chats", token, c[0]);
            assertThat(reply.status()).as(c[0]).isEqualTo(400);
            assertThat(reply.problemCode()).isEqualTo("validation_failed");
            assertThat(reply.json().path("detail").asText()).as(c[0]).startsWith(c[1]);
        }
        assertThat(server.app.store.chatsOf(owner.id())).isEmpty();
    }

    @Test
    void listsTheCallersChats() {
        User owner = server.app.user("lister");
        User other = server.app.user("other");
        Chat mine = server.app.chat(owner);
        server.app.chat(other);

        TestServer.Reply reply = server.get("/chats", server.token(owner));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("items").findValuesAsText("id")).containsExactly(mine.id().toString());
    }

    @Test
    void showsOneChatToMembersOnly() {
        User owner = server.app.user("shower");
        User outsider = server.app.user("outsider");
        Chat chat = server.app.chat(owner);

        TestServer.Reply own = server.get("/chats/" + chat.id(), server.token(owner));
        TestServer.Reply foreign = server.get("/chats/" + chat.id(), server.token(outsider));
        TestServer.Reply unknown = server.get("/chats/" + UUID.randomUUID(), server.token(owner));
        TestServer.Reply malformed = server.get("/chats/not-a-uuid", server.token(owner));

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("id").asText()).isEqualTo(chat.id().toString());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.problemCode()).isEqualTo("not_a_member");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemCode()).isEqualTo("not_found");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("detail").asText()).startsWith("chatId:");
    }

    @Test
    void ownersAddMembers() {
        User owner = server.app.user("adder");
        User newcomer = server.app.user("newcomer");
        User admin = server.app.user("admin");
        Chat chat = server.app.chat(owner);

        TestServer.Reply added = server.post("/chats/" + chat.id() + "/members", server.token(owner),
                                             "{\"userId\":\"" + newcomer.id() + "\"}");
        TestServer.Reply addedAdmin = server.post("/chats/" + chat.id() + "/members", server.token(owner),
                                                  "{\"userId\":\"" + admin.id() + "\",\"role\":\"admin\"}");

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().path("userId").asText()).isEqualTo(newcomer.id().toString());
        assertThat(added.json().path("role").asText()).isEqualTo("member");
        assertThat(addedAdmin.json().path("role").asText()).isEqualTo("admin");
        assertThat(server.app.store.roleOf(chat.id(), admin.id())).contains(Role.ADMIN);
    }

    @Test
    void addingMembersIsRefusedWithTheRightProblem() {
        User owner = server.app.user("guard");
        User member = server.app.user("plain");
        User outsider = server.app.user("stranger");
        User candidate = server.app.user("candidate");
        Chat chat = server.app.chat(owner, member);
        String path = "/chats/" + chat.id() + "/members";
        String body = "{\"userId\":\"" + candidate.id() + "\"}";

        assertThat(server.post(path, server.token(member), body).problemCode()).isEqualTo("forbidden");
        assertThat(server.post(path, server.token(outsider), body).problemCode()).isEqualTo("not_a_member");
        assertThat(server.post(path, server.token(owner), "{\"userId\":\"" + member.id() + "\"}").problemCode())
                .isEqualTo("conflict");
        assertThat(server.post(path, server.token(owner), "{\"userId\":\"" + UUID.randomUUID() + "\"}").status())
                .isEqualTo(400);
        assertThat(server.post(path, server.token(owner), "{\"userId\":\"" + candidate.id() + "\",\"role\":\"king\"}")
                           .json().path("detail").asText()).startsWith("role:");
        assertThat(server.post(path, server.token(owner), "{}").json().path("detail").asText()).startsWith("userId:");
        assertThat(server.post("/chats/" + UUID.randomUUID() + "/members", server.token(owner), body).status())
                .isEqualTo(404);
        assertThat(server.app.store.roleOf(chat.id(), candidate.id())).isEmpty();
    }

    @Test
    void removesMembersAndLetsMembersLeave() {
        User owner = server.app.user("remover");
        User member = server.app.user("removed");
        User leaver = server.app.user("leaver");
        Chat chat = server.app.chat(owner, member, leaver);

        TestServer.Reply removed = server.delete("/chats/" + chat.id() + "/members/" + member.id(), server.token(owner));
        TestServer.Reply left = server.delete("/chats/" + chat.id() + "/members/" + leaver.id(), server.token(leaver));

        assertThat(removed.status()).isEqualTo(204);
        assertThat(removed.response().body()).isEmpty();
        assertThat(left.status()).isEqualTo(204);
        assertThat(server.app.store.roleOf(chat.id(), member.id())).isEmpty();
        assertThat(server.app.store.roleOf(chat.id(), leaver.id())).isEmpty();
    }

    @Test
    void removingIsRefusedWithTheRightProblem() {
        User owner = server.app.user("keeper");
        User member = server.app.user("kept");
        User other = server.app.user("kept2");
        User outsider = server.app.user("foreigner");
        Chat chat = server.app.chat(owner, member, other);
        String base = "/chats/" + chat.id() + "/members/";

        assertThat(server.delete(base + other.id(), server.token(member)).problemCode()).isEqualTo("forbidden");
        assertThat(server.delete(base + member.id(), server.token(outsider)).problemCode()).isEqualTo("not_a_member");
        assertThat(server.delete(base + owner.id(), server.token(owner)).problemCode()).isEqualTo("conflict");
        assertThat(server.delete(base + outsider.id(), server.token(owner)).problemCode()).isEqualTo("not_found");
        assertThat(server.delete(base + "nope", server.token(owner)).json().path("detail").asText()).startsWith("userId:");
        assertThat(server.app.store.chat(chat.id()).orElseThrow().members()).hasSize(3);
    }
}
