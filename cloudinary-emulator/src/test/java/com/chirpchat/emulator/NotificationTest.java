package com.chirpchat.emulator;

import com.chirpchat.emulator.auth.NotificationSignatures;
import com.cloudinary.Cloudinary;
import com.cloudinary.utils.ObjectUtils;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.chirpchat.emulator.Fixtures.API_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/** Webhook notifications: signed like Cloudinary's, retried, and telling the backend when processing failed. */
@SuppressWarnings({"rawtypes", "unchecked"}) // the Cloudinary SDK\'s API is raw-typed
class NotificationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Cloudinary sdk;
    static Path png;
    final NotificationReceiver receiver = new NotificationReceiver();

    @BeforeAll
    static void start() {
        emulator = Fixtures.emulator(dir.resolve("data")).build().start();
        sdk = Fixtures.sdk(emulator);
        png = Fixtures.png(dir, "n.png", 500, 400);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @AfterEach
    void closeReceiver() {
        emulator.faults().reset();
        receiver.close();
    }

    @Test
    void asyncEagerSendsASignedUploadAndThenAnEagerNotification() throws Exception {
        Map<?, ?> r = sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "chats/c1/async",
                "eager", Fixtures.eager("c_fill,g_auto,h_250,w_250/jpg", "c_limit,q_auto,w_800/webp"),
                "eager_async", true, "notification_url", receiver.url()));
        List<?> processing = (List<?>) r.get("eager");
        assertThat(processing).hasSize(2);
        Map<?, ?> first = (Map<?, ?>) processing.get(0);
        assertThat(first.get("status")).isEqualTo("processing");
        String batchId = (String) first.get("batch_id");
        assertThat(batchId).isNotBlank();

        JsonNode upload = null;
        JsonNode eager = null;
        for (int i = 0; i < 2; i++) {
            NotificationReceiver.Received n = receiver.next(WAIT);
            assertSigned(n, "SHA-1");
            JsonNode body = Fixtures.json(n.body());
            if ("upload".equals(body.path("notification_type").asText())) {
                upload = body;
            } else {
                eager = body;
            }
        }
        assertThat(upload).isNotNull();
        assertThat(eager).isNotNull();
        assertThat(upload.path("public_id").asText()).isEqualTo("chats/c1/async");
        assertThat(upload.path("version").asLong()).isEqualTo(((Number) r.get("version")).longValue());
        for (String field : List.of("asset_id", "resource_type", "type", "format", "bytes", "width", "height", "url",
                "secure_url", "timestamp", "request_id", "notification_context", "signature_key")) {
            assertThat(upload.has(field)).as(field).isTrue();
        }
        assertThat(eager.path("notification_type").asText()).isEqualTo("eager");
        assertThat(eager.path("batch_id").asText()).isEqualTo(batchId);
        assertThat(eager.path("public_id").asText()).isEqualTo("chats/c1/async");
        assertThat(eager.path("asset_id").asText()).isEqualTo(r.get("asset_id"));
        JsonNode items = eager.path("eager");
        assertThat(items.size()).isEqualTo(2);
        assertThat(items.get(0).path("transformation").asText()).isEqualTo("c_fill,g_auto,h_250,w_250/jpg");
        assertThat(items.get(0).path("width").asInt()).isEqualTo(250);
        assertThat(items.get(1).path("width").asInt()).isEqualTo(500);
        assertThat(items.get(0).has("status")).isFalse();
        assertThat(Fixtures.get(items.get(0).path("secure_url").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void eagerNotificationGoesToTheEagerNotificationUrlWhenGiven() throws Exception {
        try (NotificationReceiver eagerReceiver = new NotificationReceiver()) {
            sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "split", "eager", Fixtures.eager("w_100/jpg"),
                    "eager_async", true, "notification_url", receiver.url(), "eager_notification_url", eagerReceiver.url()));
            assertThat(Fixtures.json(receiver.next(WAIT).body()).path("notification_type").asText()).isEqualTo("upload");
            assertThat(Fixtures.json(eagerReceiver.next(WAIT).body()).path("notification_type").asText()).isEqualTo("eager");
            assertThat(receiver.drain(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void notificationsAreRetriedAfterErrorsWithTheSameBody() throws Exception {
        receiver.failNext(2);
        sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "retry", "notification_url", receiver.url()));
        NotificationReceiver.Received a = receiver.next(WAIT);
        NotificationReceiver.Received b = receiver.next(WAIT);
        NotificationReceiver.Received c = receiver.next(WAIT);
        assertThat(List.of(a.answered(), b.answered(), c.answered())).containsExactly(500, 500, 200);
        assertThat(b.body()).isEqualTo(a.body());
        assertThat(c.body()).isEqualTo(a.body());
        assertSigned(c, "SHA-1");
        assertThat(receiver.drain(Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void corruptVideoYieldsAFailedEagerNotification() throws Exception {
        Fixtures.requireFfmpeg();
        Path bad = Fixtures.corruptVideo(dir, Fixtures.video(dir, "ok.mp4", 1, 160, 120));
        Map<?, ?> r = sdk.uploader().upload(bad.toFile(), ObjectUtils.asMap("resource_type", "video", "public_id", "broken",
                "eager", Fixtures.eager("q_auto,vc_h264/mp4", "so_0/jpg"), "eager_async", true, "notification_url", receiver.url()));
        assertThat(r.get("resource_type")).isEqualTo("video");
        JsonNode eager = awaitType("eager");
        JsonNode items = eager.path("eager");
        assertThat(items.size()).isEqualTo(2);
        for (JsonNode item : items) {
            assertThat(item.path("status").asText()).isEqualTo("failed");
            assertThat(item.path("reason").asText()).isNotBlank();
            assertThat(item.has("url")).isFalse();
        }
        assertThat(items.get(0).path("transformation").asText()).isEqualTo("q_auto,vc_h264/mp4");
    }

    @Test
    void imageWithCorruptPixelDataYieldsAFailedEagerNotification() throws Exception {
        byte[] bytes = java.nio.file.Files.readAllBytes(Fixtures.noisyPng(dir, "noise.png", 64, 64));
        int idat = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("IDAT");
        for (int i = idat + 4; i < bytes.length - 20; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path bad = dir.resolve("bad.png");
        java.nio.file.Files.write(bad, bytes);
        Map<?, ?> r = sdk.uploader().upload(bad.toFile(), ObjectUtils.asMap("public_id", "bad-pixels",
                "eager", Fixtures.eager("c_fill,g_auto,h_250,w_250/jpg"), "eager_async", true, "notification_url", receiver.url()));
        assertThat(r.get("width")).isEqualTo(64);
        JsonNode item = awaitType("eager").path("eager").get(0);
        assertThat(item.path("status").asText()).isEqualTo("failed");
        assertThat(item.path("reason").asText()).startsWith("Invalid image file");
    }

    @Test
    void processingFaultFailsOneItemOfTheBatch() throws Exception {
        emulator.faults().failProcessing(1);
        sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "half", "eager", Fixtures.eager("w_10/jpg"),
                "eager_async", true, "notification_url", receiver.url()));
        JsonNode item = awaitType("eager").path("eager").get(0);
        assertThat(item.path("status").asText()).isEqualTo("failed");
        assertThat(item.path("reason").asText()).contains("fault");
    }

    @Test
    void sha256SignaturesWhenConfigured(@org.junit.jupiter.api.io.TempDir Path other) throws Exception {
        MediaEmulator sha256 = Fixtures.emulator(other).notificationSignatureAlgorithm("SHA256").build().start();
        try {
            Fixtures.sdk(sha256).uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "s", "notification_url", receiver.url()));
            NotificationReceiver.Received n = receiver.next(WAIT);
            assertThat(n.signature()).hasSize(64);
            assertSigned(n, "SHA-256");
        } finally {
            sha256.stop();
        }
    }

    private JsonNode awaitType(String type) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            NotificationReceiver.Received n = receiver.next(WAIT);
            JsonNode body = Fixtures.json(n.body());
            if (type.equals(body.path("notification_type").asText())) {
                return body;
            }
            seen.add(body.path("notification_type").asText());
        }
        throw new AssertionError("no " + type + " notification; saw " + seen);
    }

    private static void assertSigned(NotificationReceiver.Received n, String algorithm) {
        assertThat(n.timestamp()).matches("\\d+");
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(n.timestamp()))).isLessThan(60);
        assertThat(n.signature()).isEqualTo(NotificationSignatures.sign(n.body(), n.timestamp(), API_SECRET, algorithm));
    }
}
