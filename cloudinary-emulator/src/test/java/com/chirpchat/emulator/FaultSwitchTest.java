package com.chirpchat.emulator;

import com.cloudinary.Cloudinary;
import com.cloudinary.utils.ObjectUtils;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fault switch, programmatic and over HTTP: failing and stalling on purpose, then recovering. */
@SuppressWarnings({"rawtypes", "unchecked"}) // the Cloudinary SDK\'s API is raw-typed
class FaultSwitchTest {

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Cloudinary sdk;
    static Path png;

    @BeforeAll
    static void start() {
        emulator = Fixtures.emulator(dir.resolve("data")).faultSwitchOverHttp(true).build().start();
        sdk = Fixtures.sdk(emulator);
        png = Fixtures.png(dir, "f.png", 60, 40);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @AfterEach
    void reset() {
        emulator.faults().reset();
    }

    @Test
    void offByDefault() {
        assertThat(emulator.faults().state()).containsEntry("upload_failures", 0).containsEntry("destroy_failures", 0)
                .containsEntry("notifications", "deliver");
    }

    @Test
    void destroyFailsNTimesThenRecovers() throws Exception {
        sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "flaky"));
        emulator.faults().failDestroy(2);
        for (int i = 0; i < 2; i++) {
            Map<?, ?> r = sdk.uploader().destroy("flaky", ObjectUtils.asMap("return_error", true));
            assertThat(((Map<?, ?>) r.get("error")).get("http_code")).isEqualTo(500);
        }
        assertThat(sdk.uploader().destroy("flaky", ObjectUtils.emptyMap())).containsEntry("result", "ok");
    }

    @Test
    void adminDeleteFailsUntilReset() throws Exception {
        sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "stuck"));
        emulator.faults().failDestroy(Faults.UNTIL_RESET);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> sdk.api().deleteResources(List.of("stuck"), ObjectUtils.emptyMap()))
                    .hasMessageContaining("emulated");
        }
        emulator.faults().reset();
        Map<?, ?> deleted = (Map<?, ?>) sdk.api().deleteResources(List.of("stuck"), ObjectUtils.emptyMap()).get("deleted");
        assertThat(deleted.get("stuck")).isEqualTo("deleted");
    }

    @Test
    void uploadsFailOnceOverHttp() throws Exception {
        JsonNode state = post("{\"upload_failures\":1}", 200);
        assertThat(state.path("upload_failures").asInt()).isEqualTo(1);
        Map<?, ?> failed = sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("return_error", true));
        assertThat(((Map<?, ?>) failed.get("error")).get("http_code")).isEqualTo(500);
        assertThat(sdk.uploader().upload(png.toFile(), ObjectUtils.emptyMap())).containsKey("public_id");
        assertThat(get().path("upload_failures").asInt()).isZero();
    }

    @Test
    void requestsStallForTheConfiguredTime() throws Exception {
        sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "slow"));
        String url = sdk.url().format("png").generate("slow");
        post("{\"stall_ms\":{\"delivery\":700}}", 200);
        long t0 = System.nanoTime();
        assertThat(Fixtures.get(url).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(650));
        emulator.faults().stall(Faults.Stall.DELIVERY, Duration.ZERO);
        t0 = System.nanoTime();
        assertThat(Fixtures.get(url).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(650));
    }

    @Test
    void notificationsCanBeWithheldThenReleasedDroppedOrMissigned() throws Exception {
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            emulator.faults().notifications(Faults.Notifications.WITHHOLD);
            sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "held", "notification_url", receiver.url()));
            assertThat(receiver.drain(Duration.ofMillis(600))).isEmpty();
            assertThat(emulator.pendingNotifications()).isEqualTo(1);
            emulator.faults().notifications(Faults.Notifications.DELIVER);
            assertThat(Fixtures.json(receiver.next(Duration.ofSeconds(10)).body()).path("public_id").asText()).isEqualTo("held");

            post("{\"notifications\":\"drop\"}", 200);
            sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "dropped", "notification_url", receiver.url()));
            assertThat(receiver.drain(Duration.ofMillis(600))).isEmpty();

            post("{\"notifications\":\"bad_signature\"}", 200);
            sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "forged", "notification_url", receiver.url()));
            NotificationReceiver.Received n = receiver.next(Duration.ofSeconds(10));
            assertThat(n.signature()).isNotEqualTo(com.chirpchat.emulator.auth.NotificationSignatures
                    .sign(n.body(), n.timestamp(), Fixtures.API_SECRET, "SHA-1"));
        }
    }

    @Test
    void theHttpSwitchIsOffUnlessConfigured() {
        MediaEmulator plain = Fixtures.emulator(dir.resolve("plain")).build().start();
        try {
            for (HttpRequest.Builder req : List.of(
                    HttpRequest.newBuilder().GET(),
                    HttpRequest.newBuilder().header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"upload_failures\":-1}")),
                    HttpRequest.newBuilder().DELETE())) {
                HttpResponse<byte[]> res = Fixtures.send(req.uri(URI.create(plain.baseUri() + "/_emulator/faults")).build());
                assertThat(res.statusCode()).as(new String(res.body())).isEqualTo(404);
            }
            assertThat(plain.faults().state()).containsEntry("upload_failures", 0);
        } finally {
            plain.stop();
        }
    }

    /** What a page on any site can make a browser send without a preflight: a "simple" POST. */
    @Test
    void aWebPageCannotFlipTheSwitch() {
        String url = emulator.baseUri() + "/_emulator/faults";
        String body = "{\"upload_failures\":-1,\"notifications\":\"drop\"}";
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            HttpResponse<byte[]> res = Fixtures.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                    .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(res.statusCode()).as(type).isIn(403, 415);
            res = Fixtures.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(res.statusCode()).as(type + " without Origin").isEqualTo(415);
        }
        HttpResponse<byte[]> foreign = Fixtures.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Origin", "http://localhost:8080").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(foreign.statusCode()).isEqualTo(403);
        HttpResponse<byte[]> crossSite = Fixtures.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        HttpResponse<byte[]> deleteFromPage = Fixtures.send(HttpRequest.newBuilder(URI.create(url))
                .header("Origin", "https://evil.example").DELETE().build());
        assertThat(deleteFromPage.statusCode()).isEqualTo(403);
        assertThat(emulator.faults().state()).containsEntry("upload_failures", 0).containsEntry("notifications", "deliver");

        String own = emulator.baseUri();
        HttpResponse<byte[]> sameOrigin = Fixtures.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Origin", own).POST(HttpRequest.BodyPublishers.ofString("{\"upload_failures\":1}")).build());
        assertThat(sameOrigin.statusCode()).as(new String(sameOrigin.body())).isEqualTo(200);
        assertThat(emulator.faults().state()).containsEntry("upload_failures", 1);
    }

    @Test
    void everyAnswerSaysNosniff() throws Exception {
        sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "sniffed"));
        for (String url : List.of(sdk.url().format("png").generate("sniffed"), emulator.baseUri() + "/nothing/here",
                                  emulator.baseUri() + "/_emulator/faults", emulator.baseUri() + "/v1_1/chirpchat/ping")) {
            assertThat(Fixtures.get(url).headers().firstValue("X-Content-Type-Options")).as(url).contains("nosniff");
        }
    }

    @Test
    void httpSwitchRejectsNonsense() {
        post("{\"notifications\":\"sometimes\"}", 400);
        post("{\"stall_ms\":{\"everything\":5}}", 400);
        post("not json", 400);
        HttpResponse<byte[]> preflight = Fixtures.send(HttpRequest.newBuilder(URI.create(emulator.baseUri() + "/_emulator/faults"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").build());
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(Fixtures.get(emulator.baseUri() + "/_emulator/faults").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<byte[]> reset = Fixtures.send(HttpRequest.newBuilder(URI.create(emulator.baseUri() + "/_emulator/faults"))
                .DELETE().build());
        assertThat(reset.statusCode()).isEqualTo(200);
    }

    private static JsonNode get() {
        HttpResponse<byte[]> res = Fixtures.get(emulator.baseUri() + "/_emulator/faults");
        assertThat(res.statusCode()).isEqualTo(200);
        return Fixtures.json(res.body());
    }

    private static JsonNode post(String json, int expected) {
        HttpResponse<byte[]> res = Fixtures.send(HttpRequest.newBuilder(URI.create(emulator.baseUri() + "/_emulator/faults"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(res.statusCode()).as(new String(res.body())).isEqualTo(expected);
        return Fixtures.json(res.body());
    }
}
