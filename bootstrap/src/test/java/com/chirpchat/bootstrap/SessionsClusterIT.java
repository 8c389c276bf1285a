package com.chirpchat.bootstrap;

import java.time.Duration;
import java.util.Map;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.Cluster;
import com.chirpchat.bootstrap.support.Redis;
import com.chirpchat.bootstrap.support.Socket;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions across instances (one PostgreSQL, one Redis): a logout on one instance ends the session everywhere
 * "within seconds": its sockets on the other instance close with 4401 and its access token is refused there, a
 * refresh works on any instance, and a refresh token replayed on another instance than the one it came from is
 * caught. The socket is the barrier: no fixed waits, only bounded ones.
 */
class SessionsClusterIT {
    /** "Within seconds": a revocation poll (1 s) and a socket sweep (1 s), with room for a loaded machine. */
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static Cluster cluster;

    @BeforeAll
    static void startCluster() {
        Redis.shared();
        cluster = new Cluster(Redis.SHARED_URL);
        cluster.start();
        cluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static JsonNode logIn(Api api, Api.Session user) {
        String name = user.username().replaceFirst("_[0-9a-f]+$", "");
        return api.post("/auth/login", null, Map.of("username", user.username(), "password", "password-" + name))
                .expect(200).json();
    }

    private static String access(JsonNode tokens) {
        return tokens.path("accessToken").asText();
    }

    /** Polls (bounded) until the instance refuses the token. */
    private static void awaitRefused(Api api, String token) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (api.get("/users/me", token).status() != 401) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the token still works on " + api.base() + " after " + WITHIN);
            }
            Cluster.sleep(Duration.ofMillis(100));
        }
    }

    @Test
    void logOutOnOneInstanceClosesTheSessionsSocketsOnTheOther() {
        Api first = cluster.api(0);
        Api second = cluster.api(1);
        Api.Session ada = first.signUp("ada");
        JsonNode phone = logIn(first, ada);
        JsonNode laptop = logIn(first, ada);
        try (Socket phoneThere = Socket.open(second.base(), access(phone));
             Socket laptopThere = Socket.open(second.base(), access(laptop))) {
            phoneThere.roundTrip();

            first.post("/auth/logout", access(phone), "").expect(204);

            assertThat(phoneThere.closeCode(WITHIN)).isEqualTo(4401);
            awaitRefused(second, access(phone));
            laptopThere.roundTrip();
            second.get("/users/me", access(laptop)).expect(200);
        }
        second.post("/auth/refresh", null, Map.of("refreshToken", phone.path("refreshToken").asText()))
                .expectProblem(401, "unauthenticated");
    }

    @Test
    void logOutAllOnOneInstanceClosesEverySessionsSocketsOnTheOther() {
        Api first = cluster.api(0);
        Api second = cluster.api(1);
        Api.Session bob = second.signUp("bob");
        JsonNode laptop = logIn(second, bob);
        try (Socket laptopThere = Socket.open(second.base(), access(laptop))) {
            first.post("/auth/logout-all", bob.token(), "").expect(204);

            assertThat(laptopThere.closeCode(WITHIN)).isEqualTo(4401);
            awaitRefused(second, access(laptop));
        }
    }

    @Test
    void aRefreshTokenReplayedOnAnotherInstanceEndsTheSessionEverywhere() {
        Api first = cluster.api(0);
        Api second = cluster.api(1);
        Api.Session cai = first.signUp("cai");
        JsonNode login = logIn(first, cai);
        JsonNode owner = first.post("/auth/refresh", null, Map.of("refreshToken", login.path("refreshToken").asText()))
                .expect(200).json();
        try (Socket ownerSocket = Socket.open(first.base(), access(owner))) {
            second.post("/auth/refresh", null, Map.of("refreshToken", login.path("refreshToken").asText()))
                    .expectProblem(401, "unauthenticated");

            assertThat(ownerSocket.closeCode(WITHIN)).isEqualTo(4401);
            awaitRefused(first, access(owner));
        }
        first.post("/auth/refresh", null, Map.of("refreshToken", owner.path("refreshToken").asText()))
                .expectProblem(401, "unauthenticated");
    }
}
