package com.chirpchat.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.user.User;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A query parameter given twice is ambiguous (which one does a proxy or cache see?): a 400 everywhere. */
class DuplicateQueryTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aParameterGivenTwiceIsABadRequestOnEveryEndpoint() {
        User ada = server.app.user("dupada");
        User bob = server.app.user("dupbob");
        String token = server.token(ada);
        Chat chat = server.app.chat(ada, bob);
        String base = "/chats/" + chat.id();
        String[] paths = {
                base + "/messages?limit=5&limit=10", base + "/messages?before=9&limit=1&before=2",
                base + "/events?after=0&after=3", "/users?username=dupada&username=dupbob", "/users/me?x=1&x=2",
                "/chats?a&a", base + "?limit=1&limit=1", "/users?username=dupada&%75sername=dupbob",
        };
        for (String path : paths) {
            TestServer.Reply reply = server.get(path, token);
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.problemCode()).as(path).isEqualTo("validation_failed");
        }
        TestServer.Reply login = server.post("/auth/login?next=a&next=b", null,
                                             "{\"username\":\"dupada\",\"password\":\"whatever-password\"}");
        assertThat(login.status()).isEqualTo(400);
        assertThat(login.problemCode()).isEqualTo("validation_failed");
    }

    @Test
    void distinctParametersStillWork() {
        User cy = server.app.user("dupcy");
        String token = server.token(cy);
        Chat chat = server.app.chat(cy);
        assertThat(server.get("/chats/" + chat.id() + "/messages?limit=5&before=9", token).status()).isEqualTo(200);
        assertThat(server.get("/users?username=" + cy.username().value(), token).json().path("items")).hasSize(1);
    }
}
