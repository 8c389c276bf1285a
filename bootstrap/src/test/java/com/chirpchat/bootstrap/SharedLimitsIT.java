package com.chirpchat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.Cluster;
import com.chirpchat.bootstrap.support.Redis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL and one Redis count one limit: failures and posts on either add up, so going
 * round-robin over a load balancer buys an attacker nothing. Behind the (loopback) proxy the clients are told
 * apart by X-Forwarded-For.
 */
class SharedLimitsIT {
    private static final Map<String, String> LIMITS = Map.of(
            "chirpchat.http.trusted-proxies", "127.0.0.1/32, ::1/128",
            "chirpchat.limits.login.failures-per-user-and-address", "4",
            "chirpchat.limits.posts.per-user", "3");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Redis redis;
    private static Cluster cluster;

    @BeforeAll
    static void startCluster() {
        redis = Redis.shared();
        cluster = new Cluster(Redis.SHARED_URL);
        cluster.start(LIMITS);
        cluster.start(LIMITS);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static int logIn(int instance, String username, String password, String client) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.api(instance).base() + "/auth/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString(Api.write(Map.of("username", username, "password", password))))
                .timeout(Duration.ofSeconds(30)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void loginFailuresOnEitherInstanceAddUp() throws Exception {
        Api.Session ada = cluster.api(0).signUp("shared");
        for (int i = 0; i < 4; i++) {
            assertThat(logIn(i % 2, ada.username(), "wrong-password", "203.0.113.10")).isEqualTo(401);
        }
        assertThat(logIn(0, ada.username(), "password-shared", "203.0.113.10")).isEqualTo(429);
        assertThat(logIn(1, ada.username(), "password-shared", "203.0.113.10")).as("the other instance knows").isEqualTo(429);
        assertThat(logIn(1, ada.username(), "password-shared", "198.51.100.20")).as("the owner elsewhere").isEqualTo(200);
    }

    @Test
    void postsOnEitherInstanceCountAgainstOneQuota() {
        Api.Session bob = cluster.api(1).signUp("poster");
        String chat = cluster.api(0).post("/chats", bob.token(), Map.of("title", "quota")).expect(201).json().get("id").asText();
        String messages = "/chats/" + chat + "/messages";
        cluster.api(0).post(messages, bob.token(), Map.of("text", "one")).expect(201);
        cluster.api(1).post(messages, bob.token(), Map.of("text", "two")).expect(201);
        cluster.api(0).post(messages, bob.token(), Map.of("text", "three")).expect(201);
        Api.Response limited = cluster.api(1).post(messages, bob.token(), Map.of("text", "four")).expectProblem(429, "rate_limited");
        assertThat(Long.parseLong(limited.headers().get("retry-after").getFirst())).isBetween(1L, 120L);
        cluster.api(0).post(messages, bob.token(), Map.of("text", "four")).expectProblem(429, "rate_limited");
    }
}
