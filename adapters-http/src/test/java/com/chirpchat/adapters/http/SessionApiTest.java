package com.chirpchat.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.chirpchat.application.account.RegisterUserCommand;
import com.chirpchat.application.fakes.FakeAccessTokens;
import com.chirpchat.application.message.PostMessageCommand;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.user.User;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, items 7 and 8 over HTTP and WebSocket: refresh, logout, logout everywhere, and sockets that live no
 * longer than their token or session. A server per test: tests move its clock.
 */
class SessionApiTest {
    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(Map.of("ws.close-timeout", "PT0.5S"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private User user(String name) {
        return server.app.register.register(RegisterUserCommand.of(name, "password-" + name, null));
    }

    private JsonNode logIn(String name) {
        TestServer.Reply reply = server.post("/auth/login", null,
                                             "{\"username\":\"" + name + "\",\"password\":\"password-" + name + "\"}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private TestServer.Reply refresh(String refreshToken) {
        return server.post("/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    @Test
    void logInHandsOutARefreshTokenThatRotates() {
        user("rosa");
        JsonNode login = logIn("rosa");
        assertThat(login.path("refreshToken").asText()).hasSize(43);
        assertThat(login.path("refreshExpiresIn").asLong()).isEqualTo(Duration.ofDays(30).toSeconds());
        assertThat(login.path("expiresIn").asLong()).isEqualTo(FakeAccessTokens.LIFETIME.toSeconds());

        TestServer.Reply refreshed = refresh(login.path("refreshToken").asText());

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.header("Cache-Control")).isEqualTo("no-store");
        JsonNode tokens = refreshed.json();
        assertThat(tokens.path("tokenType").asText()).isEqualTo("Bearer");
        assertThat(tokens.path("refreshToken").asText()).hasSize(43).isNotEqualTo(login.path("refreshToken").asText());
        assertThat(server.get("/users/me", tokens.path("accessToken").asText()).status()).isEqualTo(200);
    }

    /** The attack: a stolen refresh token replayed after the owner refreshed. The whole session ends. */
    @Test
    void replayingARotatedRefreshTokenIsRefusedAndEndsTheSession() {
        user("sami");
        JsonNode login = logIn("sami");
        JsonNode owner = refresh(login.path("refreshToken").asText()).json();

        TestServer.Reply replay = refresh(login.path("refreshToken").asText());

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.problemCode()).isEqualTo("unauthenticated");
        assertThat(refresh(owner.path("refreshToken").asText()).status()).as("the family is revoked").isEqualTo(401);
        assertThat(server.get("/users/me", owner.path("accessToken").asText()).status()).isEqualTo(401);
    }

    /** The attack: no way to log out. Now the session's access and refresh tokens stop working. */
    @Test
    void logOutEndsTheSessionOnly() {
        user("tomo");
        JsonNode phone = logIn("tomo");
        JsonNode laptop = logIn("tomo");
        String token = phone.path("accessToken").asText();
        assertThat(server.get("/users/me", token).status()).isEqualTo(200);

        TestServer.Reply out = server.post("/auth/logout", token, "");

        assertThat(out.status()).isEqualTo(204);
        assertThat(server.get("/users/me", token).status()).isEqualTo(401);
        assertThat(refresh(phone.path("refreshToken").asText()).status()).isEqualTo(401);
        assertThat(server.post("/auth/logout", token, "").status()).as("once logged out, the token is nobody").isEqualTo(401);
        assertThat(server.get("/users/me", laptop.path("accessToken").asText()).status()).isEqualTo(200);
        assertThat(refresh(laptop.path("refreshToken").asText()).status()).isEqualTo(200);
    }

    @Test
    void logOutAllEndsEverySessionOfTheUser() {
        user("uma");
        user("vic");
        JsonNode phone = logIn("uma");
        JsonNode laptop = logIn("uma");
        JsonNode other = logIn("vic");

        assertThat(server.post("/auth/logout-all", phone.path("accessToken").asText(), "").status()).isEqualTo(204);

        assertThat(server.get("/users/me", phone.path("accessToken").asText()).status()).isEqualTo(401);
        assertThat(server.get("/users/me", laptop.path("accessToken").asText()).status()).isEqualTo(401);
        assertThat(refresh(laptop.path("refreshToken").asText()).status()).isEqualTo(401);
        assertThat(server.get("/users/me", other.path("accessToken").asText()).status()).isEqualTo(200);
    }

    @Test
    void badSessionRequestsAreProblemsThatChangeNothing() {
        user("wes");
        JsonNode login = logIn("wes");
        for (String path : new String[] {"/auth/logout", "/auth/logout-all"}) {
            TestServer.Reply anonymous = server.post(path, null, "");
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.problemCode()).isEqualTo("unauthenticated");
            assertThat(server.post(path, "garbage", "").status()).as(path).isEqualTo(401);
        }
        TestServer.Reply noField = server.post("/auth/refresh", null, "{}");
        assertThat(noField.status()).isEqualTo(400);
        assertThat(noField.problemCode()).isEqualTo("validation_failed");
        assertThat(server.post("/auth/refresh", null, "{\"refreshToken\":42}").status()).isEqualTo(400);
        assertThat(server.post("/auth/refresh", null, "[").status()).isEqualTo(400);
        TestServer.Reply unknown = refresh("x".repeat(43));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.problemCode()).isEqualTo("unauthenticated");
        assertThat(refresh(login.path("accessToken").asText()).status()).as("an access token is no refresh token").isEqualTo(401);
        // nothing above ended the session
        assertThat(server.get("/users/me", login.path("accessToken").asText()).status()).isEqualTo(200);
        assertThat(refresh(login.path("refreshToken").asText()).status()).isEqualTo(200);
    }

    /** The attack (item 7): a socket stayed open, receiving events, long past its token's expiry. */
    @Test
    void aSocketClosesWith4401WhenItsTokenExpires() {
        User xia = user("xia");
        Chat chat = server.app.chat(xia);
        WsProbe probe = WsProbe.connect(server, bearer(logIn("xia").path("accessToken").asText()));
        probe.next("hello");
        probe.awaitSubscribed();

        server.app.clock.advance(FakeAccessTokens.LIFETIME.plusSeconds(1));

        assertThat(probe.awaitClose()).isEqualTo(4401);
        server.app.postMessage.post(PostMessageCommand.of(xia.id(), chat.id(), "after expiry", null));
        assertThat(probe.closed).isDone();
    }

    @Test
    void aSocketThatReauthenticatesInBandOutlivesItsFirstToken() {
        User yan = user("yan");
        Chat chat = server.app.chat(yan);
        JsonNode login = logIn("yan");
        WsProbe probe = WsProbe.connect(server, Map.of());
        probe.send("{\"type\":\"auth\",\"token\":\"" + login.path("accessToken").asText() + "\"}");
        probe.next("hello");
        probe.awaitSubscribed();

        server.app.clock.advance(FakeAccessTokens.LIFETIME.minusMinutes(1));
        JsonNode fresh = refresh(login.path("refreshToken").asText()).json();
        probe.send("{\"type\":\"auth\",\"token\":\"" + fresh.path("accessToken").asText() + "\"}");
        JsonNode answer = probe.next();
        assertThat(answer.path("type").asText()).isEqualTo("reauthenticated");
        assertThat(answer.path("expiresAt").asText()).endsWith("Z");

        server.app.clock.advance(Duration.ofMinutes(2)); // past the first token's expiry
        probe.awaitSubscribed();                          // still open, and answering
        server.app.postMessage.post(PostMessageCommand.of(yan.id(), chat.id(), "still here", null));
        assertThat(probe.next().path("data").path("text").asText()).isEqualTo("still here");

        server.app.clock.advance(FakeAccessTokens.LIFETIME);  // past the fresh one's too
        assertThat(probe.awaitClose()).isEqualTo(4401);
    }

    @Test
    void aReauthenticationWithAnotherUsersOrABadTokenIsAnErrorAndChangesNothing() {
        user("zed");
        user("amy");
        WsProbe probe = WsProbe.connect(server, bearer(logIn("zed").path("accessToken").asText()));
        probe.next("hello");

        probe.send("{\"type\":\"auth\",\"token\":\"" + logIn("amy").path("accessToken").asText() + "\"}");
        assertThat(probe.next().path("code").asText()).isEqualTo("wrong_user");
        probe.send("{\"type\":\"auth\",\"token\":\"garbage\"}");
        assertThat(probe.next().path("code").asText()).isEqualTo("invalid_token");
        probe.send("{\"type\":\"auth\"}");
        assertThat(probe.next().path("code").asText()).isEqualTo("invalid_token");

        server.app.clock.advance(FakeAccessTokens.LIFETIME.plusSeconds(1));
        assertThat(probe.awaitClose()).as("the first token still decides").isEqualTo(4401);
    }

    @Test
    void logOutClosesTheSessionsSocketsAndNoOthers() {
        user("bea");
        JsonNode phone = logIn("bea");
        JsonNode laptop = logIn("bea");
        WsProbe phoneSocket = WsProbe.connect(server, bearer(phone.path("accessToken").asText()));
        WsProbe laptopSocket = WsProbe.connect(server, bearer(laptop.path("accessToken").asText()));
        phoneSocket.next("hello");
        laptopSocket.next("hello");

        assertThat(server.post("/auth/logout", phone.path("accessToken").asText(), "").status()).isEqualTo(204);

        assertThat(phoneSocket.awaitClose()).isEqualTo(4401);
        laptopSocket.awaitSubscribed();
        assertThat(laptopSocket.closed).isNotDone();
        laptopSocket.abort();
    }

    @Test
    void aLoggedOutTokenCannotOpenOrReauthenticateASocket() {
        user("cat");
        JsonNode login = logIn("cat");
        String token = login.path("accessToken").asText();
        WsProbe live = WsProbe.connect(server, bearer(logIn("cat").path("accessToken").asText()));
        live.next("hello");
        server.post("/auth/logout", token, "");

        try {
            WsProbe.attempt(server, bearer(token), new WsProbe()).get(10, java.util.concurrent.TimeUnit.SECONDS).abort();
            throw new AssertionError("the handshake with a logged-out token was accepted");
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
            assertThat(((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(401);
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
        WsProbe late = WsProbe.connect(server, Map.of());
        late.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
        assertThat(late.awaitClose()).isEqualTo(4401);
        live.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
        assertThat(live.next().path("code").asText()).isEqualTo("invalid_token");
        live.abort();
    }
}
