package com.chirpchat.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.UUID;

import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.user.User;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PATCH /chats/{chatId}/members/{userId} {"role"}: the way out of the last owner's 409. */
class MemberRoleApiTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Reply patch(String path, String token, String json) {
        return server.send(server.request(path, token).header("Content-Type", "application/json")
                                   .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void theLastOwnerHandsOverAndThenMayLeave() {
        User ada = server.app.user("roleada");
        User bob = server.app.user("rolebob");
        String adaToken = server.token(ada);
        Chat chat = server.app.chat(ada, bob);
        String members = "/chats/" + chat.id() + "/members/";

        assertThat(server.delete(members + ada.id(), adaToken).status()).as("last owner leaving").isEqualTo(409);
        TestServer.Reply stepDown = patch(members + ada.id(), adaToken, "{\"role\":\"member\"}");
        assertThat(stepDown.status()).isEqualTo(409);
        assertThat(stepDown.problemCode()).isEqualTo("conflict");

        TestServer.Reply promoted = patch(members + bob.id(), adaToken, "{\"role\":\"owner\"}");
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().path("userId").asText()).isEqualTo(bob.id().toString());
        assertThat(promoted.json().path("role").asText()).isEqualTo("owner");
        JsonNode events = server.get("/chats/" + chat.id() + "/events?after=2", server.token(bob)).json().path("items");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("type").asText()).isEqualTo("member_role_changed");
        assertThat(events.get(0).path("data").path("userId").asText()).isEqualTo(bob.id().toString());
        assertThat(events.get(0).path("data").path("role").asText()).isEqualTo("owner");

        assertThat(server.delete(members + ada.id(), adaToken).status()).isEqualTo(204);
        assertThat(server.app.viewChats.chat(bob.id(), chat.id()).members()).extracting(m -> m.role())
                .containsExactly(Role.OWNER);
    }

    @Test
    void everyMembersSocketHearsTheRoleChange() {
        User ada = server.app.user("liveada");
        User bob = server.app.user("livebob");
        Chat chat = server.app.chat(ada, bob);
        WsProbe probe = WsProbe.connect(server, java.util.Map.of("Authorization", "Bearer " + server.token(bob)));
        assertThat(probe.next().path("type").asText()).isEqualTo("hello");
        probe.awaitSubscribed();

        assertThat(patch("/chats/" + chat.id() + "/members/" + bob.id(), server.token(ada), "{\"role\":\"admin\"}").status())
                .isEqualTo(200);
        JsonNode event = probe.next();
        assertThat(event.path("type").asText()).isEqualTo("member_role_changed");
        assertThat(event.path("seq").asLong()).isEqualTo(3);
        assertThat(event.path("data").path("userId").asText()).isEqualTo(bob.id().toString());
        assertThat(event.path("data").path("role").asText()).isEqualTo("admin");
        probe.abort();
    }

    @Test
    void rightsAreThoseOfAddingAndRefusalsChangeNothing() {
        User ada = server.app.user("rightsada");
        User adm = server.app.user("rightsadm");
        User mem = server.app.user("rightsmem");
        Chat chat = server.app.chat(ada, adm, mem);
        String members = "/chats/" + chat.id() + "/members/";
        assertThat(patch(members + adm.id(), server.token(ada), "{\"role\":\"admin\"}").status()).isEqualTo(200);

        String admToken = server.token(adm);
        assertThat(patch(members + mem.id(), admToken, "{\"role\":\"owner\"}").problemCode()).isEqualTo("forbidden");
        assertThat(patch(members + ada.id(), admToken, "{\"role\":\"member\"}").problemCode()).isEqualTo("forbidden");
        assertThat(patch(members + ada.id(), server.token(mem), "{\"role\":\"member\"}").problemCode()).isEqualTo("forbidden");
        assertThat(patch(members + UUID.randomUUID(), admToken, "{\"role\":\"admin\"}").problemCode()).isEqualTo("not_found");
        User outsider = server.app.user("rightsout");
        assertThat(patch(members + mem.id(), server.token(outsider), "{\"role\":\"admin\"}").problemCode())
                .isEqualTo("not_a_member");
        for (String body : new String[] {"{}", "{\"role\":\"king\"}", "{\"role\":1}", "{\"role\":\"Owner\"}"}) {
            TestServer.Reply bad = patch(members + mem.id(), admToken, body);
            assertThat(bad.status()).as(body).isEqualTo(400);
            assertThat(bad.problemCode()).isEqualTo("validation_failed");
        }
        assertThat(patch("/chats/" + chat.id() + "/members/not-a-uuid", admToken, "{\"role\":\"admin\"}").status()).isEqualTo(400);
        long seqBefore = server.app.viewChats.chat(ada.id(), chat.id()).lastSeq();

        TestServer.Reply made = patch(members + mem.id(), admToken, "{\"role\":\"admin\"}");
        assertThat(made.status()).isEqualTo(200);
        assertThat(server.app.viewChats.chat(ada.id(), chat.id()).lastSeq()).as("one event, nothing for the refusals")
                .isEqualTo(seqBefore + 1);
        assertThat(patch(members + mem.id(), server.token(ada), "{\"role\":\"admin\"}").status()).as("the same role again").isEqualTo(200);
        assertThat(server.app.viewChats.chat(ada.id(), chat.id()).lastSeq()).isEqualTo(seqBefore + 1);
    }
}
