package com.chirpchat.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import com.chirpchat.application.fakes.MemoryRateCounters;
import com.chirpchat.application.limits.RateLimiter;
import com.chirpchat.application.limits.UserQuotas;
import com.chirpchat.application.message.PostMessageService;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.user.User;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 13 items 9 and 10 over HTTP: who the client is, throttles that are no lockout weapon, 429 with Retry-After. */
class LimitsApiTest {
    private static final String ATTACKER = "203.0.113.66";
    private static final String OWNER = "198.51.100.7";
    /** Behind a trusted proxy (the test's own loopback), X-Forwarded-For names the client. */
    private static TestServer proxied;
    /** No trusted proxies: X-Forwarded-For is anybody's invention and ignored. */
    private static TestServer direct;

    @BeforeAll
    static void start() {
        proxied = new TestServer(Map.of("test.login-max-failures", "5", "http.trusted-proxies", "10.0.0.0/8, 127.0.0.1/32, ::1"),
                                 (app, uses) -> uses.postMessage(new PostMessageService(app.store, app.publisher, app.ids, app.clock,
                                         UserQuotas.of(new RateLimiter(new MemoryRateCounters(), app.clock),
                                                       new UserQuotas.Settings(3, Duration.ofMinutes(1), 10, 1000, Duration.ofDays(1))))));
        direct = new TestServer(Map.of("test.login-max-failures", "5"));
    }

    @AfterAll
    static void stop() {
        proxied.close();
        direct.close();
    }

    private static TestServer.Reply logIn(TestServer server, String username, String password, String forwardedFor) {
        HttpRequest.Builder request = server.request("/auth/login", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return server.send(request);
    }

    @Test
    void wrongPasswordsFromOneAddressDoNotLockTheOwnerOut() {
        User ada = proxied.app.user("victim");
        String name = ada.username().value();
        for (int i = 0; i < 10; i++) {
            assertThat(logIn(proxied, name, "wrong-password", ATTACKER).status()).isIn(401, 429);
        }
        TestServer.Reply attacker = logIn(proxied, name, "password-victim", ATTACKER);
        assertThat(attacker.status()).as("the attacker's address, even with the right password").isEqualTo(429);
        assertThat(attacker.problemCode()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(attacker.header("Retry-After"))).isBetween(1L, 1800L);

        TestServer.Reply owner = logIn(proxied, name, "password-victim", OWNER);
        assertThat(owner.status()).as("the owner from an address that never failed: " + owner).isEqualTo(200);
        assertThat(logIn(proxied, name, "password-victim", "192.0.2.1, " + OWNER + ", 10.1.2.3").status())
                .as("the client is the first hop, from the right, that no trusted proxy vouches for").isEqualTo(200);
        assertThat(logIn(proxied, name, "password-victim", OWNER + ", " + ATTACKER).status())
                .as("a spoofed entry left of the real client changes nothing").isEqualTo(429);
    }

    @Test
    void withoutTrustedProxiesXForwardedForIsIgnored() {
        User bob = direct.app.user("spoofed");
        String name = bob.username().value();
        for (int i = 0; i < 5; i++) {
            assertThat(logIn(direct, name, "wrong-password", "198.18.0." + i).status()).isEqualTo(401);
        }
        TestServer.Reply again = logIn(direct, name, "password-spoofed", "198.18.0.99");
        assertThat(again.status()).as("a new X-Forwarded-For is not a new address").isEqualTo(429);
    }

    @Test
    void postingTooFastIs429WithRetryAfterAndChangesNothing() {
        User ada = proxied.app.user("fast");
        String token = proxied.token(ada);
        Chat chat = proxied.app.chat(ada);
        String messages = "/chats/" + chat.id() + "/messages";
        for (int i = 0; i < 3; i++) {
            assertThat(proxied.post(messages, token, "{\"text\":\"m" + i + "\"}").status()).isEqualTo(201);
        }
        long lastSeq = proxied.app.viewChats.chat(ada.id(), chat.id()).lastSeq();
        TestServer.Reply limited = proxied.post(messages, token, "{\"text\":\"one too many\"}");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.problemCode()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 120L);
        assertThat(proxied.app.viewChats.chat(ada.id(), chat.id()).lastSeq()).isEqualTo(lastSeq);

        proxied.app.clock.advance(Duration.ofSeconds(Long.parseLong(limited.header("Retry-After"))));
        assertThat(proxied.post(messages, token, "{\"text\":\"after the wait\"}").status()).isEqualTo(201);
    }
}
