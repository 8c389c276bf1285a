package com.chirpchat.emulator;

import com.cloudinary.Cloudinary;
import com.cloudinary.EagerTransformation;
import com.cloudinary.utils.ObjectUtils;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.chirpchat.emulator.Fixtures.API_KEY;
import static com.chirpchat.emulator.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The upload API against the real SDK and a browser-style client. */
@SuppressWarnings({"rawtypes", "unchecked"}) // the Cloudinary SDK\'s API is raw-typed
class UploadApiTest {

    private static final int FIVE_MB = 5 * 1024 * 1024;

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Cloudinary sdk;
    static Path png;

    @BeforeAll
    static void start() {
        emulator = Fixtures.emulator(dir.resolve("data")).maxUploadBytes(20_000_000).build().start();
        sdk = Fixtures.sdk(emulator);
        png = Fixtures.png(dir, "photo.png", 640, 480);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void sdkUploadAnswersWithCloudinaryFields() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = sdk.uploader().upload(png.toFile(), ObjectUtils.asMap(
                "public_id", "pic", "folder", "chats/c1", "tags", List.of("a", "b"),
                "context", ObjectUtils.asMap("alt", "a | b", "caption", "x=y"),
                "eager", List.of(new EagerTransformation().crop("fill").gravity("auto").height(250).width(250).format("jpg"),
                        new EagerTransformation().crop("limit").quality("auto").width(800).format("webp"))));
        assertThat(r.get("public_id")).isEqualTo("chats/c1/pic");
        assertThat(r).containsKeys("asset_id", "version", "version_id", "signature", "created_at", "etag", "url", "secure_url");
        assertThat(sdk.verifyApiResponseSignature("chats/c1/pic", r.get("version").toString(), (String) r.get("signature"))).isTrue();
        assertThat(r.get("width")).isEqualTo(640);
        assertThat(r.get("height")).isEqualTo(480);
        assertThat(r.get("format")).isEqualTo("png");
        assertThat(r.get("resource_type")).isEqualTo("image");
        assertThat(r.get("type")).isEqualTo("upload");
        assertThat(r.get("pages")).isEqualTo(1);
        assertThat(((Number) r.get("bytes")).longValue()).isEqualTo(Files.size(png));
        assertThat(r.get("etag")).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(png))));
        assertThat(r.get("placeholder")).isEqualTo(false);
        assertThat(r.get("tags")).isEqualTo(List.of("a", "b"));
        assertThat(r.get("asset_folder")).isEqualTo("chats/c1");
        assertThat(r.get("display_name")).isEqualTo("pic");
        assertThat(r.get("original_filename")).isEqualTo("photo");
        assertThat(r.get("api_key")).isEqualTo(API_KEY);
        assertThat(r.get("context")).isEqualTo(Map.of("custom", Map.of("alt", "a | b", "caption", "x=y")));
        assertThat(Instant.parse((String) r.get("created_at"))).isBefore(Instant.now().plusSeconds(5));
        assertThat(r.get("url")).isEqualTo(emulator.baseUri() + "/chirpchat/image/upload/v" + r.get("version") + "/chats/c1/pic.png");
        assertThat(r.get("url")).isEqualTo(r.get("secure_url"));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> eager = (List<Map<String, Object>>) r.get("eager");
        assertThat(eager).hasSize(2);
        assertThat(eager.get(0)).containsEntry("transformation", "c_fill,g_auto,h_250,w_250/jpg")
                .containsEntry("width", 250).containsEntry("height", 250).containsEntry("format", "jpg");
        assertThat(eager.get(1)).containsEntry("transformation", "c_limit,q_auto,w_800/webp").containsEntry("width", 640);

        // The original and the eager files are served where the SDK says they are.
        HttpResponse<byte[]> original = Fixtures.get(sdk.url().version(r.get("version")).generate("chats/c1/pic.png"));
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(original.body()).isEqualTo(Files.readAllBytes(png));
        HttpResponse<byte[]> thumb = Fixtures.get((String) eager.get(0).get("url"));
        assertThat(thumb.statusCode()).isEqualTo(200);
        assertThat(thumb.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(thumb.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void browserStyleMultipartPostWithSignedParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("public_id", "browser-1");
        params.put("folder", "chats/c9");
        params.put("type", "upload");
        params.put("overwrite", "false");
        params.put("eager", "c_fill,g_auto,h_250,w_250/jpg|c_limit,q_auto,w_800/webp");
        params.put("eager_async", "false");
        params.put("notification_url", "http://127.0.0.1:1/hook?x=1&y=2");
        Map<String, String> signed = Fixtures.signed(sdk, params);
        HttpResponse<byte[]> res = Fixtures.postMultipart(Fixtures.uploadUrl(emulator, "auto"), signed, "blob.png",
                readAll(png), "Origin", "https://app.example", "X-Requested-With", "XMLHttpRequest");
        assertThat(res.statusCode()).as(new String(res.body())).isEqualTo(200);
        assertThat(res.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = json(res.body());
        assertThat(body.path("public_id").asText()).isEqualTo("chats/c9/browser-1");
        assertThat(body.path("resource_type").asText()).isEqualTo("image");
        assertThat(body.path("original_filename").asText()).isEqualTo("blob");
        assertThat(body.path("eager").size()).isEqualTo(2);
    }

    @Test
    void corsPreflightAllowsDirectBrowserUploads() {
        HttpResponse<byte[]> res = Fixtures.send(HttpRequest.newBuilder(URI.create(Fixtures.uploadUrl(emulator, "auto")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-unique-upload-id, content-range, x-requested-with, content-type")
                .build());
        assertThat(res.statusCode()).isIn(200, 204);
        assertThat(res.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(res.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        String allowed = res.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase();
        assertThat(allowed).contains("x-unique-upload-id", "content-range", "x-requested-with", "content-type");
    }

    @Test
    void staleTimestampIsRefused() {
        Map<String, String> signed = Fixtures.signed(sdk, Map.of("public_id", "stale",
                "timestamp", String.valueOf(Instant.now().minus(Duration.ofMinutes(61)).getEpochSecond())));
        HttpResponse<byte[]> res = Fixtures.postMultipart(Fixtures.uploadUrl(emulator, "image"), signed, "a.png", readAll(png));
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res.body()).path("error").path("message").asText())
                .startsWith("Stale request - reported time is ").endsWith("which is more than 1 hour ago");
    }

    @Test
    void badSignatureAndWrongKeyAreRefused() {
        Map<String, String> signed = new LinkedHashMap<>(Fixtures.signed(sdk, Map.of("public_id", "forged")));
        signed.put("public_id", "other");
        HttpResponse<byte[]> res = Fixtures.postMultipart(Fixtures.uploadUrl(emulator, "image"), signed, "a.png", readAll(png));
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(json(res.body()).path("error").path("message").asText()).startsWith("Invalid Signature ")
                .contains("String to sign - 'public_id=other&timestamp=");

        Map<String, String> wrongKey = new LinkedHashMap<>(Fixtures.signed(sdk, Map.of("public_id", "x")));
        wrongKey.put("api_key", "999");
        res = Fixtures.postMultipart(Fixtures.uploadUrl(emulator, "image"), wrongKey, "a.png", readAll(png));
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(json(res.body()).path("error").path("message").asText()).contains("api_key");

        res = Fixtures.postMultipart(emulator.baseUri() + "/v1_1/othercloud/image/upload", Fixtures.signed(sdk, Map.of()),
                "a.png", readAll(png));
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(json(res.body()).has("error")).isTrue();
    }

    @Test
    void sha256AndVersion1SignaturesFromTheSdkAreAccepted() throws Exception {
        for (Map<String, Object> extra : List.of(Map.<String, Object>of("signature_algorithm", "SHA256"),
                Map.<String, Object>of("signature_version", 1))) {
            Cloudinary other = Fixtures.sdk(emulator, extra);
            Map<?, ?> r = other.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "alg-" + extra.hashCode(),
                    "notification_url", "http://127.0.0.1:1/x?a=1&b=2"));
            assertThat(r.get("public_id")).isEqualTo("alg-" + extra.hashCode());
        }
    }

    @Test
    void disallowedFormatIsRefusedLikeCloudinary() throws Exception {
        Map<?, ?> r = sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "fmt", "allowed_formats",
                List.of("jpg", "webp"), "return_error", true));
        Map<?, ?> error = (Map<?, ?>) r.get("error");
        assertThat(error.get("http_code")).isEqualTo(400);
        assertThat((String) error.get("message")).isEqualTo("Image file format png not allowed");
    }

    @Test
    void overwriteFalseKeepsTheExistingAsset() throws Exception {
        Map<?, ?> first = sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "keep"));
        Path other = Fixtures.png(dir, "other.png", 100, 50);
        Map<?, ?> second = sdk.uploader().upload(other.toFile(), ObjectUtils.asMap("public_id", "keep", "overwrite", false));
        assertThat(second.get("existing")).isEqualTo(true);
        assertThat(second.get("version")).isEqualTo(first.get("version"));
        assertThat(second.get("width")).isEqualTo(640);
        Map<?, ?> third = sdk.uploader().upload(other.toFile(), ObjectUtils.asMap("public_id", "keep", "overwrite", true));
        assertThat(third.get("existing")).isNull();
        assertThat(((Number) third.get("version")).longValue()).isGreaterThan(((Number) first.get("version")).longValue());
        assertThat(third.get("width")).isEqualTo(100);
        assertThat(third.get("asset_id")).isEqualTo(first.get("asset_id"));
    }

    @Test
    void tooLargeFilesAreRefused() throws Exception {
        byte[] big = new byte[20_100_000];
        Map<?, ?> r = sdk.uploader().upload(big, ObjectUtils.asMap("resource_type", "raw", "return_error", true));
        Map<?, ?> error = (Map<?, ?>) r.get("error");
        assertThat(error.get("http_code")).isEqualTo(400);
        assertThat((String) error.get("message")).startsWith("File size too large. Got ").endsWith("Maximum is 20000000.");
    }

    @Test
    void uploadLargeSendsChunksTheEmulatorAssembles() throws Exception {
        Path file = Fixtures.noisyPng(dir, "large.png", 1400, 1300);
        long size = Files.size(file);
        assertThat(size).as("two chunks of Cloudinary's 5 MB minimum").isGreaterThan(FIVE_MB);
        Map<?, ?> fromFile = sdk.uploader().uploadLarge(file.toFile(), ObjectUtils.asMap("public_id", "chunked-file"), FIVE_MB);
        assertThat(fromFile.get("public_id")).isEqualTo("chunked-file");
        assertThat(((Number) fromFile.get("bytes")).longValue()).isEqualTo(size);
        assertThat(fromFile.get("width")).isEqualTo(1400);
        assertThat(Fixtures.get((String) fromFile.get("url")).body()).isEqualTo(Files.readAllBytes(file));

        // From a stream the SDK does not know the size: total is -1 until the last chunk.
        Map<?, ?> fromStream = sdk.uploader().uploadLarge(new ByteArrayInputStream(Files.readAllBytes(file)),
                ObjectUtils.asMap("public_id", "chunked-stream", "resource_type", "image"), FIVE_MB);
        assertThat(((Number) fromStream.get("bytes")).longValue()).isEqualTo(size);
        assertThat(fromStream.get("format")).isEqualTo("png");
    }

    @Test
    void intermediateChunksAnswerDoneFalse() throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.noisyPng(dir, "manual.png", 1400, 1300));
        int first = FIVE_MB;
        Map<String, String> signed = Fixtures.signed(sdk, Map.of("public_id", "manual-chunks"));
        HttpResponse<byte[]> start = Fixtures.postMultipart(Fixtures.uploadUrl(emulator, "image"), signed, "blob",
                java.util.Arrays.copyOfRange(bytes, 0, first), "X-Unique-Upload-Id", "u-123", "Content-Range",
                "bytes 0-" + (first - 1) + "/-1");
        assertThat(start.statusCode()).isEqualTo(200);
        JsonNode partial = json(start.body());
        assertThat(partial.path("done").asBoolean(true)).isFalse();
        assertThat(partial.path("bytes").asLong()).isEqualTo(first);
        assertThat(partial.path("public_id").asText()).isEqualTo("manual-chunks");

        HttpResponse<byte[]> bad = Fixtures.postMultipart(Fixtures.uploadUrl(emulator, "image"), signed, "blob",
                java.util.Arrays.copyOfRange(bytes, first, bytes.length), "X-Unique-Upload-Id", "u-123", "Content-Range",
                "bytes " + first + "-" + (bytes.length + 5) + "/" + bytes.length);
        assertThat(bad.statusCode()).isEqualTo(400);

        HttpResponse<byte[]> last = Fixtures.postMultipart(Fixtures.uploadUrl(emulator, "image"), signed, "blob",
                java.util.Arrays.copyOfRange(bytes, first, bytes.length), "X-Unique-Upload-Id", "u-123", "Content-Range",
                "bytes " + first + "-" + (bytes.length - 1) + "/" + bytes.length);
        assertThat(last.statusCode()).as(new String(last.body())).isEqualTo(200);
        assertThat(json(last.body()).path("width").asInt()).isEqualTo(1400);
    }

    @Test
    void jsonBodyWithADataUri() {
        Map<String, String> signed = Fixtures.signed(sdk, Map.of("public_id", "from-json"));
        Map<String, String> body = new LinkedHashMap<>(signed);
        body.put("file", "data:image/png;base64," + Base64.getEncoder().encodeToString(readAll(png)));
        HttpResponse<byte[]> res = Fixtures.send(HttpRequest.newBuilder(URI.create(Fixtures.uploadUrl(emulator, "image")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Fixtures.JSON.valueToTree(body).toString().getBytes(StandardCharsets.UTF_8)))
                .build());
        assertThat(res.statusCode()).as(new String(res.body())).isEqualTo(200);
        assertThat(json(res.body()).path("format").asText()).isEqualTo("png");
    }

    @Test
    void autoDetectsRawFilesAndImageRefusesNonImages() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, not an image");
        Map<?, ?> raw = sdk.uploader().upload(text.toFile(), ObjectUtils.asMap("resource_type", "auto"));
        assertThat(raw.get("resource_type")).isEqualTo("raw");
        assertThat((String) raw.get("public_id")).endsWith(".txt");
        assertThat(Fixtures.get((String) raw.get("url")).body()).isEqualTo(Files.readAllBytes(text));

        Map<?, ?> refused = sdk.uploader().upload(text.toFile(), ObjectUtils.asMap("resource_type", "image", "return_error", true));
        assertThat(((Map<?, ?>) refused.get("error")).get("message")).isEqualTo("Invalid image file");
    }

    @Test
    void unsupportedEagerIsRefusedBeforeAnythingIsStored() {
        Map<String, String> signed = Fixtures.signed(sdk, Map.of("public_id", "bad-eager", "eager", "c_fill,w_10,zz_1/jpg"));
        HttpResponse<byte[]> res = Fixtures.postMultipart(Fixtures.uploadUrl(emulator, "image"), signed, "a.png", readAll(png));
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res.body()).path("error").path("message").asText()).contains("Invalid transformation component - zz_1");
        assertThat(Fixtures.get(sdk.url().generate("bad-eager.png")).statusCode()).isEqualTo(404);

        Map<String, String> videoOnImage = Fixtures.signed(sdk, Map.of("public_id", "bad-eager", "eager", "sp_auto/m3u8"));
        res = Fixtures.postMultipart(Fixtures.uploadUrl(emulator, "image"), videoOnImage, "a.png", readAll(png));
        assertThat(res.statusCode()).isEqualTo(400);
    }

    @Test
    void adminResourceDetailsListTheDerivedFiles() throws Exception {
        sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "chats/c2/details a",
                "eager", Fixtures.eager("c_fill,g_auto,h_250,w_250/jpg")));
        Map<?, ?> details = sdk.api().resource("chats/c2/details a", ObjectUtils.emptyMap());
        assertThat(details.get("public_id")).isEqualTo("chats/c2/details a");
        assertThat(details.get("width")).isEqualTo(640);
        List<?> derived = (List<?>) details.get("derived");
        assertThat(derived).hasSize(1);
        assertThat(((Map<?, ?>) derived.get(0)).get("transformation")).isEqualTo("c_fill,g_auto,h_250,w_250/jpg");
        assertThat(Fixtures.get((String) ((Map<?, ?>) derived.get(0)).get("url")).statusCode()).isEqualTo(200);
        assertThat(Fixtures.get(sdk.url().format("png").generate("chats/c2/details a")).statusCode()).isEqualTo(200);
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
