package com.chirpchat.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.chirpchat.domain.user.User;
import com.chirpchat.domain.user.Username;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AccountApiTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(Map.of("test.login-max-failures", "3"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void registersAUser() {
        TestServer.Reply reply = server.post("/auth/register", null,
                                             "{\"username\":\"alice.reg\",\"password\":\"correct horse\",\"displayName\":\"Alice\"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.contentType()).isEqualTo("application/json; charset=utf-8");
        JsonNode user = reply.json();
        assertThat(user.path("username").asText()).isEqualTo("alice.reg");
        assertThat(user.path("displayName").asText()).isEqualTo("Alice");
        assertThat(user.path("id").asText()).hasSize(36);
        assertThat(user.has("password")).isFalse();
        assertThat(server.app.store.byUsername(new Username("alice.reg"))).isPresent();
    }

    @Test
    void displayNameDefaultsToTheUsername() {
        TestServer.Reply reply = server.post("/auth/register", null, "{\"username\":\"nodisplay\",\"password\":\"password1\"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("displayName").asText()).isEqualTo("nodisplay");
    }

    @Test
    void aTakenUsernameIsAConflict() {
        server.post("/auth/register", null, "{\"username\":\"taken\",\"password\":\"password1\"}");

        TestServer.Reply again = server.post("/auth/register", null, "{\"username\":\"taken\",\"password\":\"password2\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemCode()).isEqualTo("conflict");
    }

    @Test
    void invalidRegistrationsAreRefusedAndStoreNothing() {
        Map<String, String> bodies = Map.of(
                "{\"username\":\"Bad Name\",\"password\":\"password1\"}", "username",
                "{\"username\":\"ab\",\"password\":\"password1\"}", "username",
                "{\"username\":\"shortpw\",\"password\":\"1234567\"}", "password",
                "{\"username\":\"longpw\",\"password\":\"" + "x".repeat(129) + "\"}", "password",
                "{\"password\":\"password1\"}", "username",
                "{\"username\":\"numberpw\",\"password\":12345678}", "password",
                "{\"username\":\"blankdisplay\",\"password\":\"password1\",\"displayName\":\" \"}", "displayName");
        bodies.forEach((body, field) -> {
            TestServer.Reply reply = server.post("/auth/register", null, body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.problemCode()).isEqualTo("validation_failed");
            assertThat(reply.json().path("detail").asText()).as(body).startsWith(field + ":");
        });
        for (String name : new String[] {"shortpw", "longpw", "numberpw", "blankdisplay"}) {
            assertThat(server.app.store.byUsername(new Username(name))).isEmpty();
        }
    }

    @Test
    void logsInWithAnUncacheableBearerToken() {
        server.post("/auth/register", null, "{\"username\":\"bob.login\",\"password\":\"bob-password\"}");

        TestServer.Reply reply = server.post("/auth/login", null, "{\"username\":\"bob.login\",\"password\":\"bob-password\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        JsonNode token = reply.json();
        assertThat(token.path("tokenType").asText()).isEqualTo("Bearer");
        assertThat(token.path("expiresIn").isIntegralNumber()).isTrue();
        assertThat(token.path("expiresIn").asLong()).isEqualTo(15 * 60);
        TestServer.Reply me = server.get("/users/me", token.path("accessToken").asText());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("username").asText()).isEqualTo("bob.login");
    }

    @Test
    void wrongCredentialsAre401() {
        server.post("/auth/register", null, "{\"username\":\"carol\",\"password\":\"carol-password\"}");

        TestServer.Reply wrongPassword = server.post("/auth/login", null, "{\"username\":\"carol\",\"password\":\"nope-nope\"}");
        TestServer.Reply unknownUser = server.post("/auth/login", null, "{\"username\":\"nobody\",\"password\":\"nope-nope\"}");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.problemCode()).isEqualTo("unauthenticated");
        assertThat(wrongPassword.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(unknownUser.json().path("detail").asText()).isEqualTo(wrongPassword.json().path("detail").asText());
    }

    @Test
    void repeatedFailuresAreRateLimitedWithRetryAfter() {
        server.post("/auth/register", null, "{\"username\":\"dave\",\"password\":\"dave-password\"}");
        for (int i = 0; i < 3; i++) {
            assertThat(server.post("/auth/login", null, "{\"username\":\"dave\",\"password\":\"wrong-one\"}").status())
                    .isEqualTo(401);
        }

        TestServer.Reply limited = server.post("/auth/login", null, "{\"username\":\"dave\",\"password\":\"dave-password\"}");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.problemCode()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
    }

    @Test
    void loginNeedsBothFields() {
        TestServer.Reply reply = server.post("/auth/login", null, "{\"username\":\"someone\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemCode()).isEqualTo("validation_failed");
        assertThat(reply.json().path("detail").asText()).startsWith("password:");
    }

    @Test
    void findsUsersByExactUsername() {
        User erin = server.app.user("erin");
        User frank = server.app.user("frank");
        String token = server.token(frank);

        TestServer.Reply found = server.get("/users?username=" + erin.username().value(), token);
        TestServer.Reply none = server.get("/users?username=no_such_user", token);
        TestServer.Reply invalid = server.get("/users?username=NOT%20VALID", token);
        TestServer.Reply missing = server.get("/users", token);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("items")).hasSize(1);
        assertThat(found.json().path("items").get(0).path("id").asText()).isEqualTo(erin.id().toString());
        assertThat(none.json().path("items")).isEmpty();
        assertThat(invalid.json().path("items")).isEmpty();
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.problemCode()).isEqualTo("validation_failed");
    }

    @Test
    void usersNeedAToken() {
        TestServer.Reply me = server.get("/users/me", null);
        TestServer.Reply search = server.get("/users?username=x", "token:not-a-uuid");

        assertThat(me.status()).isEqualTo(401);
        assertThat(me.problemCode()).isEqualTo("unauthenticated");
        assertThat(me.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(search.status()).isEqualTo(401);
    }
}
