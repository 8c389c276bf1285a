package com.chirpchat.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the emulator the way it is run alone: its {@code main} on the module path (tests run on the class path),
 * so a missing {@code requires}/{@code opens} or an ImageIO plug-in that JPMS hides shows up here.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // the Cloudinary SDK\'s API is raw-typed
class ModulePathSmokeTest {

    @TempDir
    Path dir;

    @Test
    void startsOnTheModulePathEncodesWebpAndRunsTheBundledFfmpeg() throws Exception {
        Path target = Path.of("target");
        Path modulePathFile = target.resolve("runtime-module-path.txt");
        assertThat(modulePathFile).as("written by the dependency plugin in generate-test-resources").exists();
        String modulePath = target.resolve("classes").toAbsolutePath() + java.io.File.pathSeparator
                + Files.readString(modulePathFile).trim();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=webp.imageio", "-p", modulePath, "-m", "com.chirpchat.emulator/com.chirpchat.emulator.Main",
                "--port=0", "--data-dir=" + dir.resolve("data"), "--api-key=" + Fixtures.API_KEY,
                "--api-secret=" + Fixtures.API_SECRET, "--token-key=" + Fixtures.TOKEN_KEY));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // process ended
            }
        });
        try {
            List<String> printed = new ArrayList<>();
            String base = awaitBase(lines, process, printed);
            HttpResponse<byte[]> ping = Fixtures.send(HttpRequest.newBuilder(URI.create(base + "/v1_1/chirpchat/ping"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (Fixtures.API_KEY + ":" + Fixtures.API_SECRET).getBytes(StandardCharsets.UTF_8))).build());
            assertThat(ping.statusCode()).isEqualTo(200);

            var sdk = new com.cloudinary.Cloudinary(Map.of("cloud_name", "chirpchat", "api_key", Fixtures.API_KEY,
                    "api_secret", Fixtures.API_SECRET));
            Map<String, String> signed = Fixtures.signed(sdk, Map.of("public_id", "smoke", "eager", "c_limit,w_50/webp"));
            HttpResponse<byte[]> upload = Fixtures.postMultipart(base + "/v1_1/chirpchat/auto/upload", signed, "s.png",
                    Files.readAllBytes(Fixtures.png(dir, "s.png", 120, 80)));
            assertThat(upload.statusCode()).as(new String(upload.body())).isEqualTo(200);
            JsonNode eager = Fixtures.json(upload.body()).path("eager").get(0);
            assertThat(eager.path("format").asText()).isEqualTo("webp");
            assertThat(eager.path("width").asInt()).isEqualTo(50);
            HttpResponse<byte[]> webp = Fixtures.get(eager.path("url").asText());
            assertThat(webp.headers().firstValue("Content-Type")).contains("image/webp");
            assertThat(new String(webp.body(), 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");

            // video on the module path: ffmpeg comes out of the named platform module's jar
            assertThat(printed).anySatisfy(line -> assertThat(line).startsWith("  ffmpeg        = ffmpeg 7.1.1 at ")
                    .contains("(bundled: org.bytedeco:ffmpeg 7.1.1-1.5.12-linux-"));
            Map<String, String> video = Fixtures.signed(sdk, Map.of("public_id", "clip", "eager", "so_0/jpg"));
            HttpResponse<byte[]> clip = Fixtures.postMultipart(base + "/v1_1/chirpchat/auto/upload", video, "c.mp4",
                    Files.readAllBytes(Fixtures.video(dir, "c.mp4", 1, 160, 120)));
            assertThat(clip.statusCode()).as(new String(clip.body())).isEqualTo(200);
            JsonNode poster = Fixtures.json(clip.body()).path("eager").get(0);
            assertThat(Fixtures.json(clip.body()).path("resource_type").asText()).isEqualTo("video");
            assertThat(poster.path("format").asText()).isEqualTo("jpg");
            assertThat(poster.path("width").asInt()).isEqualTo(160);
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Waits for the URL line and what was printed after it (Main prints its settings right after). */
    private static String awaitBase(BlockingQueue<String> lines, Process process, List<String> seen) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(500, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.startsWith("  CLOUDINARY_URL=")) {  // the last line Main prints
                    String listening = seen.stream().filter(l -> l.startsWith("Cloudinary emulator listening on ")).findFirst()
                            .orElseThrow();
                    return listening.substring("Cloudinary emulator listening on ".length()).trim();
                }
            } else if (!process.isAlive()) {
                break;
            }
        }
        fail("the emulator did not start on the module path; output:\n" + String.join("\n", seen));
        return "";
    }
}
