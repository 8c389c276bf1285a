package com.chirpchat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.TestServer;

import org.junit.jupiter.api.Test;

/**
 * {@code /observe/metrics} tells anyone on the API's port how busy the server is, what it runs on and how its
 * pools behave. Configured, it moves to a management listener of its own, or needs a scrape token.
 */
class MetricsAccessIT {
    private static final String TOKEN = "scrape-token-0123456789abcdef";

    private static Map<String, String> settings(String dir, Map<String, String> extra) {
        Map<String, String> settings = TestServer.defaults(TestServer.tempDir(dir));
        settings.putAll(extra);
        return settings;
    }

    @Test
    void withAMetricsPortTheMetricsLeaveTheApiPort() {
        try (ChirpChatServer server = TestServer.start(settings("chirp-metrics-port", Map.of("chirpchat.observe.metrics-port", "0")))) {
            Api api = new Api(server.baseUri());
            Api.Response onApiPort = api.get("/observe/metrics", null);
            assertThat(onApiPort.status()).isEqualTo(404);
            assertThat(onApiPort.contentType()).startsWith("application/problem+json");
            assertThat(api.get("/observe/health", null).status()).as("health stays for load balancers").isEqualTo(200);

            int port = server.metricsPort().orElseThrow();
            assertThat(port).isNotEqualTo(server.port());
            Api management = new Api(URI.create("http://127.0.0.1:" + port));
            Api.Response metrics = management.get("/observe/metrics", null);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("# TYPE");
            assertThat(management.get("/chats", null).status()).as("nothing of the API there").isEqualTo(404);
        }
    }

    @Test
    void withATokenTheMetricsNeedIt() {
        try (ChirpChatServer server = TestServer.start(settings("chirp-metrics-token", Map.of("chirpchat.observe.metrics-token", TOKEN)))) {
            Api api = new Api(server.baseUri());
            for (String token : new String[] {null, "wrong", TOKEN + "x", TOKEN.substring(1)}) {
                Api.Response refused = api.get("/observe/metrics", token);
                assertThat(refused.status()).as("token " + token).isEqualTo(401);
                assertThat(refused.body()).doesNotContain("# TYPE");
            }
            for (String sneaky : new String[] {"/observe/metrics/", "/observe//metrics", "/observe/./metrics",
                    "/observe/health/../metrics", "/observe/metrics?format=text"}) {
                assertThat(api.get(sneaky, null).status()).as(sneaky).isIn(400, 401, 404);
                assertThat(api.get(sneaky, null).body()).as(sneaky).doesNotContain("# TYPE");
            }
            Api.Response scraped = api.get("/observe/metrics", TOKEN);
            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.body()).contains("# TYPE");
            assertThat(api.get("/observe/health", null).status()).isEqualTo(200);
            assertThat(server.metricsPort()).isEmpty();
        }
    }
}
