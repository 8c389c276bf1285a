package com.chirpchat.bootstrap;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.ShiftedClock;
import com.chirpchat.bootstrap.support.Socket;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, items 7 and 8, end to end over real HTTP and WebSockets on a server whose clock the test moves
 * (access tokens live one minute here): each test is an attack that worked before sessions existed. Runs once per
 * store (subclasses).
 */
abstract class SessionsIT {
    static final Duration TOKEN_TTL = Duration.ofMinutes(1);
    private static final Duration WAIT = Duration.ofSeconds(10);

    protected static final ShiftedClock clock = new ShiftedClock();
    private static Duration shifted = Duration.ZERO;
    protected static ChirpChatServer server;
    protected static Api api;

    protected static void startServer(Map<String, String> settings) {
        settings.put("chirpchat.auth.token-ttl", TOKEN_TTL.toString());
        server = com.chirpchat.bootstrap.support.TestServer.start(settings, clock);
        api = new Api(server.baseUri());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Moves the server's time forward (never back: tokens from the future are refused). */
    private static void advance(Duration by) {
        shifted = shifted.plus(by);
        clock.shift(shifted);
    }

    private static JsonNode logIn(Api.Session user) {
        return api.post("/auth/login", null, Map.of("username", user.username(), "password", "password-" + user.username().replaceFirst("_[0-9a-f]+$", "")))
                .expect(200).json();
    }

    private static Api.Response refresh(JsonNode tokens) {
        return api.post("/auth/refresh", null, Map.of("refreshToken", tokens.path("refreshToken").asText()));
    }

    private static String access(JsonNode tokens) {
        return tokens.path("accessToken").asText();
    }

    private static boolean isType(JsonNode frame, String type) {
        return frame.path("type").asText().equals(type);
    }

    /** The attack of item 7: with a short TTL, sockets stayed open at t+79 s and kept receiving events. */
    @Test
    void aSocketIsClosedWith4401WhenItsTokenExpires() {
        Api.Session ada = api.signUp("ada");
        String chatId = api.post("/chats", ada.token(), Map.of("title", "expiry", "memberIds", List.of())).expect(201)
                .json().get("id").asText();
        try (Socket socket = Socket.open(api.base(), ada.token())) {
            socket.roundTrip();
            advance(TOKEN_TTL.plusSeconds(19)); // t + 79 s

            assertThat(socket.closeCode(WAIT)).isEqualTo(4401);
        }
        // HTTP allows the verifier's 30 s of clock skew between instances; the socket closes at the expiry itself
        advance(Duration.ofSeconds(12));
        assertThat(api.get("/chats/" + chatId, ada.token()).status()).as("the token is expired for HTTP too").isEqualTo(401);
    }

    @Test
    void aSocketThatReauthenticatesInBandLivesOn() {
        Api.Session bea = api.signUp("bea");
        JsonNode tokens = logIn(bea);
        String chatId = api.post("/chats", access(tokens), Map.of("title", "reauth", "memberIds", List.of())).expect(201)
                .json().get("id").asText();
        try (Socket socket = Socket.connect(api.base(), null, Map.of())) {
            socket.send(Map.of("type", "auth", "token", access(tokens)));
            socket.await(f -> isType(f, "hello"), WAIT);
            advance(TOKEN_TTL.minusSeconds(15));
            JsonNode fresh = refresh(tokens).expect(200).json();
            socket.send(Map.of("type", "auth", "token", access(fresh)));
            JsonNode answer = socket.await(f -> isType(f, "reauthenticated"), WAIT);
            assertThat(answer.path("expiresAt").asText()).endsWith("Z");

            advance(Duration.ofSeconds(30)); // the first token has expired, the fresh one has not
            socket.roundTrip();
            api.post("/chats/" + chatId + "/messages", access(fresh), Map.of("text", "still live")).expect(201);
            JsonNode event = socket.await(f -> isType(f, "message_created"), WAIT);
            assertThat(event.path("data").path("text").asText()).isEqualTo("still live");

            advance(TOKEN_TTL);
            assertThat(socket.closeCode(WAIT)).isEqualTo(4401);
        }
    }

    /** The attack of item 8: there was no logout. Now the session's tokens stop working and its sockets close. */
    @Test
    void logOutEndsTheSessionItsTokensAndItsSockets() {
        Api.Session cai = api.signUp("cai");
        JsonNode phone = logIn(cai);
        JsonNode laptop = logIn(cai);
        try (Socket phoneSocket = Socket.open(api.base(), access(phone));
             Socket laptopSocket = Socket.open(api.base(), access(laptop))) {
            api.post("/auth/logout", access(phone), "").expect(204);

            assertThat(phoneSocket.closeCode(WAIT)).isEqualTo(4401);
            assertThat(api.get("/users/me", access(phone)).status()).isEqualTo(401);
            refresh(phone).expectProblem(401, "unauthenticated");
            laptopSocket.roundTrip();
            api.get("/users/me", access(laptop)).expect(200);
        }
        refresh(laptop).expect(200);
    }

    @Test
    void logOutAllEndsEverySessionOfTheUser() {
        Api.Session dan = api.signUp("dan");
        JsonNode phone = logIn(dan);
        JsonNode laptop = logIn(dan);
        try (Socket laptopSocket = Socket.open(api.base(), access(laptop))) {
            api.post("/auth/logout-all", access(phone), "").expect(204);

            assertThat(laptopSocket.closeCode(WAIT)).isEqualTo(4401);
        }
        assertThat(api.get("/users/me", access(laptop)).status()).isEqualTo(401);
        refresh(laptop).expectProblem(401, "unauthenticated");
        refresh(phone).expectProblem(401, "unauthenticated");
        api.get("/users/me", dan.token()).expect(401); // the sign-up's own login is a session of dan's too
    }

    /** The attack: a refresh token copied and replayed after its owner refreshed ends the whole session. */
    @Test
    void replayingARotatedRefreshTokenRevokesTheFamily() {
        Api.Session eve = api.signUp("eve");
        JsonNode login = logIn(eve);
        assertThat(login.path("refreshToken").asText()).isNotBlank();
        assertThat(login.path("refreshExpiresIn").asLong()).isPositive();
        JsonNode owner = refresh(login).expect(200).json();
        JsonNode ownerAgain = refresh(owner).expect(200).json();

        try (Socket socket = Socket.open(api.base(), access(ownerAgain))) {
            refresh(login).expectProblem(401, "unauthenticated");

            refresh(ownerAgain).expectProblem(401, "unauthenticated");
            assertThat(api.get("/users/me", access(ownerAgain)).status()).isEqualTo(401);
            assertThat(socket.closeCode(WAIT)).isEqualTo(4401);
        }
    }
}
