package com.chirpchat.bootstrap;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.Api.Session;
import com.chirpchat.bootstrap.support.Cluster;
import com.chirpchat.bootstrap.support.Redis;
import com.chirpchat.bootstrap.support.Socket;
import com.chirpchat.bootstrap.support.TestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on a Redis the test owns. When Redis dies, readiness turns DOWN, posting keeps working, and
 * when Redis is back every event posted meanwhile reaches the other instance's clients, in order.
 */
class RedisOutageIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aRedisRestartTurnsReadinessDownAndUpAndLosesNothing() throws Exception {
        Redis redis = Redis.startPrivate(TestServer.tempDir("chirp-redis"));
        int port = redis.port();
        try (Cluster cluster = new Cluster(redis.url())) {
            cluster.start();
            cluster.start();
            Session ada = cluster.api(0).signUp("ada");
            Session bob = cluster.api(1).signUp("bob");
            String chat = cluster.api(0).post("/chats", ada.token(), Map.of("title", "outage", "memberIds", List.of(bob.id())))
                    .expect(201).json().get("id").asText();
            try (Socket bobs = Socket.open(cluster.server(1).baseUri(), bob.token())) {
                post(cluster.api(0), ada, chat, "before");
                Cluster.awaitSeq(bobs, chat, 3, Duration.ofSeconds(10));
                assertThat(readiness(cluster.server(0).baseUri())).isEqualTo(200);

                redis.stop();
                awaitReadiness(cluster.server(0).baseUri(), 503);
                for (int i = 0; i < 5; i++) {
                    post(cluster.api(i % 2), ada, chat, "during " + i);   // committed; the fanout is cut off
                }

                redis = Redis.startPrivate(TestServer.tempDir("chirp-redis"), port);
                awaitReadiness(cluster.server(0).baseUri(), 200);
                awaitReadiness(cluster.server(1).baseUri(), 200);
                post(cluster.api(0), ada, chat, "after");

                Cluster.awaitSeq(bobs, chat, 9, Duration.ofSeconds(30));
                List<Long> seqs = bobs.seqs(chat);
                assertThat(seqs).doesNotHaveDuplicates().isSorted();
                assertThat(seqs.get(seqs.size() - 1) - seqs.get(0) + 1).as("no gaps: " + seqs).isEqualTo(seqs.size());
            }
        } finally {
            redis.stop();
        }
    }

    private static void post(Api api, Session who, String chat, String text) {
        api.post("/chats/" + chat + "/messages", who.token(), Map.of("text", text)).expect(201);
    }

    private static int readiness(URI base) throws Exception {
        return health(base).statusCode();
    }

    private static HttpResponse<String> health(URI base) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/observe/health/ready")).timeout(Duration.ofSeconds(10)).build(),
                         HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitReadiness(URI base, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = readiness(base);
            if (last == status) {
                return;
            }
            Cluster.sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("readiness of " + base + " stayed " + last + ", expected " + status + ": " + health(base).body());
    }
}
