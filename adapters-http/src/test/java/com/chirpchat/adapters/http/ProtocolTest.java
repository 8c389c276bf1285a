package com.chirpchat.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;

import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.user.User;
import com.chirpchat.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every endpoint shares: authentication, error documents, limits, headers, CORS. */
class ProtocolTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(Map.of("ws.allowed-origins", "https://app.example, http://localhost:5173"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyProtectedEndpointNeedsAValidBearerToken() {
        String chat = "/chats/" + UUID.randomUUID();
        String[][] endpoints = {
                {"GET", "/users/me"}, {"GET", "/users?username=x"}, {"GET", "/chats"}, {"POST", "/chats"},
                {"GET", chat}, {"POST", chat + "/members"}, {"DELETE", chat + "/members/" + UUID.randomUUID()},
                {"POST", chat + "/messages"}, {"GET", chat + "/messages"}, {"DELETE", "/messages/" + UUID.randomUUID()},
                {"GET", chat + "/events"}, {"POST", "/uploads/get-cloudinary-upload-signature"},
                {"GET", "/media/" + UUID.randomUUID()},
        };
        String[] badHeaders = {null, "Bearer", "Basic dXNlcjpwYXNz", "Bearer token:not-a-uuid", "Bearer  ",
                "Bearer token:" + UUID.randomUUID(), "Bearer " + "x".repeat(5000)};
        for (String[] endpoint : endpoints) {
            for (String header : badHeaders) {
                HttpRequest.Builder request = server.request(endpoint[1], null)
                        .method(endpoint[0], HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json");
                if (header != null) {
                    request.header("Authorization", header);
                }
                TestServer.Reply reply = server.send(request);
                assertThat(reply.status()).as(endpoint[0] + " " + endpoint[1] + " with " + header).isEqualTo(401);
                assertThat(reply.problemCode()).isEqualTo("unauthenticated");
                assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
            }
        }
    }

    @Test
    void aRevokedTokenIsRefused() {
        User user = server.app.user("revoked");
        String token = server.token(user);
        server.app.tokens.revoke(token);

        assertThat(server.get("/users/me", token).status()).isEqualTo(401);
    }

    @Test
    void unknownRoutesAreProblems() {
        User user = server.app.user("lost");

        TestServer.Reply authenticated = server.get("/no/such/thing", server.token(user));
        TestServer.Reply underAuth = server.get("/auth/nothing-here", null);

        assertThat(authenticated.status()).isEqualTo(404);
        assertThat(authenticated.problemCode()).isEqualTo("not_found");
        assertThat(underAuth.status()).isEqualTo(404);
        assertThat(underAuth.problemCode()).isEqualTo("not_found");
    }

    @Test
    void anotherMethodOnAKnownPathIs405WithAllow() {
        User user = server.app.user("wrongmethod");

        TestServer.Reply reply = server.send(server.request("/chats", server.token(user))
                                                     .method("PUT", HttpRequest.BodyPublishers.noBody()));
        TestServer.Reply login = server.get("/auth/login", null);

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.problemCode()).isEqualTo("method_not_allowed");
        assertThat(reply.header("Allow")).isEqualTo("POST, GET");
        assertThat(login.status()).isEqualTo(405);
        assertThat(login.header("Allow")).isEqualTo("POST");
    }

    @Test
    void problemDocumentsFollowRfc9457() {
        TestServer.Reply reply = server.post("/auth/register", null, "{\"username\":\"x\"}");

        JsonNode problem = reply.json();
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(problem.path("type").asText()).isEqualTo("urn:chirpchat:problem:validation_failed");
        assertThat(problem.path("title").asText()).isEqualTo("Validation failed");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("code").asText()).isEqualTo("validation_failed");
        assertThat(problem.path("detail").asText()).isNotBlank();
    }

    @Test
    void malformedBodiesAre400() {
        User user = server.app.user("malformed");
        String token = server.token(user);
        for (String body : new String[] {"{", "not json", "[1,2]", "\"text\"", "42", "null", "{\"title\":\"a\"} trailing",
                "{\"title\":\"a\",\"title\":\"b\"}", "{\"title\":" + "[".repeat(100) + "]".repeat(100) + "}"}) {
            TestServer.Reply reply = server.post("/chats", token, body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.problemCode()).isEqualTo("validation_failed");
        }
        TestServer.Reply empty = server.post("/chats", token, "");
        assertThat(empty.status()).isEqualTo(400);
        TestServer.Reply badUtf8 = server.send(server.request("/chats", token).header("Content-Type", "application/json")
                                                       .POST(HttpRequest.BodyPublishers.ofByteArray(
                                                               new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, '"', '}'})));
        assertThat(badUtf8.status()).isEqualTo(400);
        assertThat(server.app.store.chatsOf(user.id())).isEmpty();
    }

    @Test
    void bodiesThatAreNotJsonAre415() {
        User user = server.app.user("wrongtype");
        String token = server.token(user);

        TestServer.Reply text = server.send(server.request("/chats", token).header("Content-Type", "text/plain")
                                                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"a\"}")));
        TestServer.Reply none = server.send(server.request("/chats", token)
                                                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"a\"}")));
        TestServer.Reply latin1 = server.send(server.request("/chats", token)
                                                      .header("Content-Type", "application/json; charset=iso-8859-1")
                                                      .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"a\"}")));
        TestServer.Reply utf8 = server.send(server.request("/chats", token)
                                                    .header("Content-Type", "application/json; charset=UTF-8")
                                                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"a\"}")));

        assertThat(text.status()).isEqualTo(415);
        assertThat(text.problemCode()).isEqualTo("unsupported_media_type");
        assertThat(none.status()).isEqualTo(415);
        assertThat(latin1.status()).isEqualTo(415);
        assertThat(utf8.status()).isEqualTo(201);
    }

    @Test
    void oversizedBodiesAre413AndChangeNothing() {
        User user = server.app.user("oversized");
        Chat chat = server.app.chat(user);
        String token = server.token(user);
        String big = "{\"text\":\"" + "a".repeat(70 * 1024) + "\"}";

        // the declared length is over the server's limit: Helidon refuses before routing, as a problem
        String declared = RawHttp.exchange(server.port(), "POST /chats/" + chat.id() + "/messages HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + big.length() + "\r\n\r\n" + big);
        // chunked: no length up front, the limit strikes while reading
        StringBuilder chunked = new StringBuilder("POST /chats/" + chat.id() + "/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < big.length(); i += 4096) {
            String part = big.substring(i, Math.min(big.length(), i + 4096));
            chunked.append(Integer.toHexString(part.length())).append("\r\n").append(part).append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        String streamed = RawHttp.exchange(server.port(), chunked.toString());

        for (String response : new String[] {declared, streamed}) {
            assertThat(RawHttp.status(response)).as(response).isEqualTo(413);
            assertThat(RawHttp.header(response, "Content-Type")).isEqualTo("application/problem+json");
            assertThat(RawHttp.body(response)).contains("\"code\":\"payload_too_large\"");
        }
        assertThat(server.app.store.messagesBefore(chat.id(), java.util.OptionalLong.empty(), 10)).isEmpty();
    }

    @Test
    void theApiEnforcesItsBodyLimitEvenWithoutTheServers() {
        try (TestServer unlimited = new TestServer(Map.of("test.server-payload-limit", "false", "http.max-body-bytes", "2048"))) {
            User user = unlimited.app.user("unlimited");
            String token = unlimited.token(user);
            StringBuilder request = new StringBuilder("POST /chats HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            String big = "{\"title\":\"" + "a".repeat(3000) + "\"}";
            for (int i = 0; i < big.length(); i += 512) {
                String part = big.substring(i, Math.min(big.length(), i + 512));
                request.append(Integer.toHexString(part.length())).append("\r\n").append(part).append("\r\n");
            }
            request.append("0\r\n\r\n");

            String response = RawHttp.exchange(unlimited.port(), request.toString());

            assertThat(RawHttp.status(response)).isEqualTo(413);
            assertThat(RawHttp.header(response, "Connection")).isEqualTo("close");
            assertThat(RawHttp.body(response)).contains("\"code\":\"payload_too_large\"");
            assertThat(unlimited.app.store.chatsOf(user.id())).isEmpty();
        }
    }

    @Test
    void requestsHelidonCannotParseAreProblemsToo() {
        String garbage = RawHttp.exchange(server.port(), "GARBAGE\r\n\r\n");
        String badLength = RawHttp.exchange(server.port(), "POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");

        for (String response : new String[] {garbage, badLength}) {
            assertThat(RawHttp.status(response)).as(response).isEqualTo(400);
            assertThat(RawHttp.header(response, "Content-Type")).isEqualTo("application/problem+json");
            assertThat(RawHttp.header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(RawHttp.body(response)).contains("\"status\":400").doesNotContain("Exception");
        }
    }

    @Test
    void oddlyEncodedTargetsAre400NotServerErrors() {
        User user = server.app.user("encoder");
        Chat chat = server.app.chat(user);
        String token = server.token(user);
        String messages = "/chats/" + chat.id() + "/messages";
        for (String target : new String[] {messages + "?limit=%", messages + "?limit=%zz", messages + "?before=%2B1",
                "/users?username=a%2", "/chats/%", "/chats/ab%", "/chats/%zz", "/chats/%00",
                "/chats/" + chat.id() + "/events?after=99999999999999999999"}) {
            String response = RawHttp.exchange(server.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
            assertThat(RawHttp.status(response)).as(target).isEqualTo(400);
            assertThat(RawHttp.body(response)).as(target).contains("\"code\":\"validation_failed\"");
        }
    }

    @Test
    void dotSegmentsNeverMakeAProtectedRoutePublic() {
        String response = RawHttp.exchange(server.port(), "GET /auth/../chats HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        String encoded = RawHttp.exchange(server.port(), "GET /auth/%2e%2e/chats HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(RawHttp.status(response)).isIn(400, 401, 404);
        assertThat(RawHttp.status(encoded)).isIn(400, 401, 404);
    }

    @Test
    void responsesCarryNosniff() {
        User user = server.app.user("sniffed");
        assertThat(server.get("/users/me", server.token(user)).header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(server.get("/users/me", null).header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(server.get("/nowhere", server.token(user)).header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void unexpectedFailuresAreGeneric500s() {
        try (TestServer failing = new TestServer(Map.of(), uses -> uses.listEvents((caller, chat, after, limit) -> {
            throw new IllegalStateException("database password is hunter2");
        }))) {
            User user = failing.app.user("unlucky");
            Chat chat = failing.app.chat(user);

            TestServer.Reply reply = failing.get("/chats/" + chat.id() + "/events", failing.token(user));

            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.problemCode()).isEqualTo("internal_error");
            assertThat(reply.response().body()).doesNotContain("hunter2").doesNotContain("IllegalStateException");
        }
    }

    @Test
    void corsPreflightAllowsConfiguredOrigins() {
        TestServer.Reply preflight = server.send(server.request("/chats", null)
                                                         .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                                         .header("Origin", "https://app.example")
                                                         .header("Access-Control-Request-Method", "POST")
                                                         .header("Access-Control-Request-Headers", "authorization, content-type"));

        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
    }

    @Test
    void corsHeadersAccompanyAnswersToAllowedOrigins() {
        User user = server.app.user("browser");
        TestServer.Reply ok = server.send(server.request("/users/me", server.token(user)).header("Origin", "http://localhost:5173"));
        TestServer.Reply problem = server.send(server.request("/users/me", null).header("Origin", "http://localhost:5173"));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
        assertThat(problem.status()).isEqualTo(401);
        assertThat(problem.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
        assertThat(problem.header("Access-Control-Expose-Headers")).contains("WWW-Authenticate");
    }

    @Test
    void otherOriginsAreRefused() {
        User user = server.app.user("evil");
        TestServer.Reply preflight = server.send(server.request("/chats", null)
                                                         .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                                         .header("Origin", "https://evil.example")
                                                         .header("Access-Control-Request-Method", "POST"));
        TestServer.Reply request = server.send(server.request("/chats", server.token(user))
                                                       .header("Origin", "https://evil.example")
                                                       .header("Content-Type", "application/json")
                                                       .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")));

        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(request.status()).isEqualTo(403);
        assertThat(request.problemCode()).isEqualTo("forbidden");
        assertThat(server.app.store.chatsOf(user.id())).isEmpty();
    }

    @Test
    void plainGetOnTheWebSocketPathAsksForAnUpgrade() {
        TestServer.Reply reply = server.get("/ws", null);

        assertThat(reply.status()).isEqualTo(426);
        assertThat(reply.problemCode()).isEqualTo("upgrade_required");
        assertThat(reply.header("Upgrade")).isEqualTo("websocket");
    }

    @Test
    void problemsAreSerializedByTheSharedMapper() throws Exception {
        TestServer.Reply reply = server.get("/users/me", null);
        JsonNode parsed = Json.mapper().readTree(reply.response().body());
        assertThat(parsed.fieldNames()).toIterable().containsExactly("type", "title", "status", "detail", "code");
    }
}
