package com.chirpchat.bootstrap;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged server the way users run it: on the module path, configured only by environment
 * variables. A missing {@code requires}, an unexported resource or a service that JPMS can't find fails here,
 * not in production.
 */
class ModulePathSmokeIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theModularServerStartsAndIsHealthy() throws Exception {
        runPackagedServer(java.util.Map.of());
    }

    /** The production path: the packaged server, its own libs only, on PostgreSQL (the driver must be among them). */
    @Test
    void theModularServerRunsOnPostgres() throws Exception {
        String url = com.chirpchat.bootstrap.support.Postgres.createDatabase();
        try {
            runPackagedServer(java.util.Map.of("JDBC_DATABASE_URL", url,
                                               "JDBC_DATABASE_USERNAME", com.chirpchat.bootstrap.support.Postgres.USER));
        } finally {
            com.chirpchat.bootstrap.support.Postgres.dropDatabase(url);
        }
    }

    private void runPackagedServer(java.util.Map<String, String> environment) throws Exception {
        Path jar = Path.of(System.getProperty("chirpchat.app.jar", "target/chirpchat.jar"));
        Path libs = Path.of(System.getProperty("chirpchat.app.libs", "target/libs"));
        assertThat(jar).as("run after 'package' (failsafe does)").exists();
        int port = freePort();
        Path dataDir = TestServer.tempDir("chirp-modular");
        Path log = dataDir.resolve("server.log");

        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=webp.imageio",
                "-p", jar + java.io.File.pathSeparator + libs,
                "-m", "com.chirpchat.bootstrap/com.chirpchat.bootstrap.Main")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SERVER_PORT", String.valueOf(port));        // Helidon's own env mapping
        builder.environment().put("SERVER_HOST", "127.0.0.1");
        builder.environment().put("DATA_DIR", dataDir.toString());              // our short alias
        builder.environment().put("CHIRPCHAT_AUTH_ARGON2_MEMORY_dash_KIB", "1024"); // '-' spelled _dash_
        builder.environment().put("CHIRPCHAT_MEDIA_LOCAL_PORT", String.valueOf(freePort()));
        builder.environment().putAll(environment);
        Process server = builder.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            JsonNode health = awaitHealthy(base, server, log);
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.toString()).contains("database").contains("broker").contains("media");
            JsonNode media = java.util.stream.StreamSupport.stream(health.get("checks").spliterator(), false)
                    .filter(check -> check.get("name").asText().equals("media")).findFirst().orElseThrow();
            assertThat(media.at("/data/ffmpegOrigin").asText()).as("no system ffmpeg: the bundled build, found on the module path")
                    .startsWith("bundled: org.bytedeco:ffmpeg 7.1.1-1.5.12-linux-");
            assertThat(media.at("/data/ffmpegVersion").asText()).startsWith("ffmpeg version 7.1.1");
            assertThat(Files.readString(log)).contains("video and audio processing with ffmpeg 7.1.1 at ");
            assertThat(Files.readString(log)).contains(environment.isEmpty() ? "storage: embedded H2" : "storage: PostgreSQL");

            HttpResponse<String> openapi = HTTP.send(HttpRequest.newBuilder(base.resolve("/openapi")).build(),
                                                     HttpResponse.BodyHandlers.ofString());
            assertThat(openapi.statusCode()).isEqualTo(200);
            assertThat(openapi.body()).contains("/auth/register").contains("/chats/{chatId}/events");

            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(base.resolve("/observe/metrics"))
                                                             .header("Accept", "text/plain").build(),
                                                     HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);

            // the web client is a module of its own: its files must be readable from bootstrap on the module path
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(base.resolve("/")).build(),
                                                  HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<div id=\"app\"></div>");
            java.util.regex.Matcher script = java.util.regex.Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page.body());
            assertThat(script.find()).isTrue();
            assertThat(HTTP.send(HttpRequest.newBuilder(base.resolve(script.group(1))).build(),
                                 HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            Api api = new Api(base);
            Api.Session ada = api.signUp("ada");
            assertThat(api.get("/users/me", ada.token()).expect(200).json().get("id").asText()).isEqualTo(ada.id());
            assertThat(dataDir.resolve("jwt-secret.key")).as("the development key was generated and kept").exists();
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static JsonNode awaitHealthy(URI base, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited with " + server.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/observe/health"))
                                                                   .timeout(Duration.ofSeconds(5)).build(),
                                                           HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return Api.JSON.readTree(response.body());
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not healthy within 90 s:\n" + String.join("\n", List.of(Files.readString(log))));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
