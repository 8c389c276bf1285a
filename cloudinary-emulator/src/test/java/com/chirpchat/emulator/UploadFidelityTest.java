package com.chirpchat.emulator;

import com.cloudinary.Cloudinary;
import com.cloudinary.utils.ObjectUtils;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static com.chirpchat.emulator.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Upload API answers that clients and SDKs rely on, matched to Cloudinary's: errors, naming, chunks, async, documents. */
@SuppressWarnings({"rawtypes", "unchecked"}) // the Cloudinary SDK's API is raw-typed
class UploadFidelityTest {

    private static final int FIVE_MB = 5 * 1024 * 1024;

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Cloudinary sdk;
    static byte[] png;

    @BeforeAll
    static void start() throws Exception {
        emulator = Fixtures.emulator(dir.resolve("data")).build().start();
        sdk = Fixtures.sdk(emulator);
        png = Files.readAllBytes(Fixtures.png(dir, "f.png", 64, 48));
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void anEmptyFileIsRefusedAsEmpty() {
        for (String rt : List.of("auto", "image", "video", "raw")) {
            HttpResponse<byte[]> res = post(rt, Map.of("public_id", "empty-" + rt), "empty.png", new byte[0]);
            assertThat(res.statusCode()).as(rt).isEqualTo(400);
            assertThat(json(res.body()).path("error").path("message").asText()).as(rt).isEqualTo("Empty file");
        }
    }

    @Test
    void assetFolderBecomesThePublicIdPrefixWhenAskedTo() throws Exception {
        Map<?, ?> r = sdk.uploader().upload(png, ObjectUtils.asMap("public_id", "pic", "asset_folder", "team/shots",
                "use_asset_folder_as_public_id_prefix", true));
        assertThat(r.get("public_id")).isEqualTo("team/shots/pic");
        assertThat(r.get("asset_folder")).isEqualTo("team/shots");
        Map<?, ?> without = sdk.uploader().upload(png, ObjectUtils.asMap("public_id", "pic2", "asset_folder", "team/shots"));
        assertThat(without.get("public_id")).isEqualTo("pic2");
    }

    @Test
    void nonFinalChunksUnderFiveMegabytesAreRefused() {
        byte[] file = noise(FIVE_MB + 1000);
        Map<String, String> signed = Fixtures.signed(sdk, Map.of("public_id", "small-chunks"));
        HttpResponse<byte[]> small = chunk("image", signed, "u-small", file, 0, 1_000_000, -1);
        assertThat(small.statusCode()).isEqualTo(400);
        assertThat(json(small.body()).path("error").path("message").asText())
                .isEqualTo("All parts except EOF-chunk must be larger than 5mb");

        // 5 MB and more, then a small last chunk: fine
        HttpResponse<byte[]> first = chunk("raw", signed, "u-big", file, 0, FIVE_MB, -1);
        assertThat(first.statusCode()).as(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(json(first.body()).path("done").asBoolean(true)).isFalse();
        HttpResponse<byte[]> last = chunk("raw", signed, "u-big", file, FIVE_MB, file.length, file.length);
        assertThat(last.statusCode()).as(new String(last.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(json(last.body()).path("bytes").asLong()).isEqualTo(file.length);
    }

    @Test
    void aRawChunkedUploadWithoutAKnownFormatIsRefusedOnItsFirstChunk() throws Exception {
        byte[] file = noise(FIVE_MB + 1000);
        Map<String, String> signed = Fixtures.signed(sdk, Map.of("public_id", "chats/c1/doc", "allowed_formats", "pdf,txt"));
        HttpResponse<byte[]> first = chunk("raw", signed, "u-raw", file, 0, FIVE_MB, -1);
        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(json(first.body()).path("error").path("message").asText()).isEqualTo("Raw file format (none) not allowed");
        Path chunks = emulator.dataDir().resolve("tmp").resolve("chunks");
        try (Stream<Path> kept = Files.list(chunks)) {
            assertThat(kept).as("nothing kept of the refused upload").isEmpty();
        }
    }

    /** Issue 13.5: a web page uploaded as a {@code .txt} document was stored and served from the media origin. */
    @Test
    void documentsRestrictedByFormatMustBeWhatTheirNameSays() throws Exception {
        Map<String, String> formats = Map.of("allowed_formats", "csv,docx,doc,json,md,pdf,rtf,txt");
        Map<String, byte[]> disguised = new java.util.LinkedHashMap<>();
        disguised.put("notes.txt", "<!DOCTYPE html><html><body><script>fetch('/steal?c='+document.cookie)</script>".getBytes(StandardCharsets.UTF_8));
        disguised.put("icon.txt", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>".getBytes(StandardCharsets.UTF_8));
        disguised.put("data.json", "\n  <script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        disguised.put("readme.md", "# hi\n<iframe src=x></iframe>".getBytes(StandardCharsets.UTF_8));
        disguised.put("report.pdf", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        disguised.put("sheet.docx", "%PDF-1.4 not a zip".getBytes(StandardCharsets.US_ASCII));
        disguised.put("old.doc", "plain text".getBytes(StandardCharsets.US_ASCII));
        disguised.put("binary.txt", new byte[] {1, 2, 0, 3});
        int i = 0;
        for (Map.Entry<String, byte[]> file : disguised.entrySet()) {
            Map<String, String> params = new java.util.HashMap<>(formats);
            params.put("public_id", "chats/c5/bad" + i++);
            HttpResponse<byte[]> res = post("raw", Fixtures.signed(sdk, params), file.getKey(), file.getValue());
            assertThat(res.statusCode()).as(file.getKey()).isEqualTo(400);
            assertThat(json(res.body()).path("error").path("message").asText()).as(file.getKey())
                    .startsWith("Raw file format ").contains("not allowed");
            assertThat(Fixtures.get(emulator.baseUri() + "/chirpchat/raw/upload/chats/c5/bad" + (i - 1)).statusCode()).isEqualTo(404);
        }

        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new java.util.zip.ZipEntry("word/document.xml"));
            out.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
        }
        Map<String, byte[]> genuine = new java.util.LinkedHashMap<>();
        genuine.put("notes.txt", "2 < 3 and <b> is bold, a plain note".getBytes(StandardCharsets.UTF_8));
        genuine.put("data.json", "{\"a\": [1, 2]}".getBytes(StandardCharsets.UTF_8));
        genuine.put("table.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        genuine.put("report.pdf", "%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII));
        genuine.put("letter.docx", zip.toByteArray());
        genuine.put("memo.rtf", "{\\rtf1\\ansi hello}".getBytes(StandardCharsets.US_ASCII));
        for (Map.Entry<String, byte[]> file : genuine.entrySet()) {
            Map<String, String> params = new java.util.HashMap<>(formats);
            params.put("public_id", "chats/c5/good" + i++);
            HttpResponse<byte[]> res = post("raw", Fixtures.signed(sdk, params), file.getKey(), file.getValue());
            assertThat(res.statusCode()).as(file.getKey() + ": " + new String(res.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            HttpResponse<byte[]> served = Fixtures.get(json(res.body()).path("secure_url").asText());
            assertThat(served.headers().firstValue("Content-Disposition").orElse("")).as(file.getKey()).startsWith("attachment;");
            assertThat(served.headers().firstValue("X-Content-Type-Options")).as(file.getKey()).contains("nosniff");
        }
    }

    @Test
    void asyncUploadsAnswerPendingAndFinishInTheBackground() throws Exception {
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            Map<String, String> signed = Fixtures.signed(sdk, Map.of("public_id", "later", "async", "true",
                    "notification_url", receiver.url()));
            HttpResponse<byte[]> res = post("image", signed, "later.png", png);
            assertThat(res.statusCode()).isEqualTo(200);
            JsonNode body = json(res.body());
            assertThat(body.path("status").asText()).isEqualTo("pending");
            assertThat(body.path("public_id").asText()).isEqualTo("later");
            assertThat(body.path("type").asText()).isEqualTo("upload");
            assertThat(body.path("batch_id").asText()).isNotBlank();
            assertThat(body.has("url")).as("nothing is stored yet when the answer is sent").isFalse();
            JsonNode notified = json(receiver.next(Duration.ofSeconds(30)).body());
            assertThat(notified.path("notification_type").asText()).isEqualTo("upload");
            assertThat(notified.path("public_id").asText()).isEqualTo("later");
            assertThat(notified.path("width").asInt()).isEqualTo(64);
            assertThat(Fixtures.get(notified.path("secure_url").asText()).body()).isEqualTo(png);
        }
    }

    @Test
    void documentsKeepTheirNameAndAreDeliveredAsAttachmentsOfTheirType() throws Exception {
        byte[] pdf = "%PDF-1.4\n%fake but fine for raw\n".getBytes(StandardCharsets.US_ASCII);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            Map<String, String> signed = Fixtures.signed(sdk, Map.of("public_id", "chats/c1/m1", "type", "authenticated",
                    "allowed_formats", "docx,pdf,txt", "notification_url", receiver.url()));
            HttpResponse<byte[]> res = post("raw", signed, "Quarterly Report.pdf", pdf);
            assertThat(res.statusCode()).as(new String(res.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            JsonNode body = json(res.body());
            assertThat(body.path("original_filename").asText()).isEqualTo("Quarterly Report");
            assertThat(body.has("format")).as("Cloudinary reports no format for raw files").isFalse();
            assertThat(body.path("public_id").asText()).isEqualTo("chats/c1/m1");
            JsonNode notified = json(receiver.next(Duration.ofSeconds(30)).body());
            assertThat(notified.path("original_filename").asText()).isEqualTo("Quarterly Report");

            HttpResponse<byte[]> delivered = Fixtures.get(body.path("secure_url").asText());
            assertThat(delivered.statusCode()).isEqualTo(200);
            assertThat(delivered.body()).isEqualTo(pdf);
            assertThat(delivered.headers().firstValue("Content-Type")).contains("application/pdf");
            assertThat(delivered.headers().firstValue("Content-Disposition"))
                    .contains("attachment; filename=\"Quarterly Report.pdf\"; filename*=UTF-8''Quarterly%20Report.pdf");

            Map<String, Object> options = new java.util.HashMap<>(Map.of("resource_type", "raw", "type", "authenticated",
                    "expires_at", java.time.Instant.now().getEpochSecond() + 300));
            HttpResponse<byte[]> download = Fixtures.get(sdk.privateDownload("chats/c1/m1", "", options));
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValue("Content-Type")).contains("application/pdf");
            assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v ->
                    assertThat(v).startsWith("attachment; filename=\"Quarterly Report.pdf\""));
        }
        HttpResponse<byte[]> text = post("raw", Fixtures.signed(sdk, Map.of("public_id", "notes")), "Zürich notes.txt",
                "grüezi".getBytes(StandardCharsets.UTF_8));
        JsonNode notes = json(text.body());
        assertThat(notes.path("original_filename").asText()).isEqualTo("Zürich notes");
        HttpResponse<byte[]> delivered = Fixtures.get(notes.path("secure_url").asText());
        assertThat(delivered.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(delivered.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"Z_rich notes.txt\"; filename*=UTF-8''Z%C3%BCrich%20notes.txt");
    }

    @Test
    void sdkTransportFieldsSentBesideSignedOnesAreNotSigned() {
        Map<String, String> signed = new LinkedHashMap<>(Fixtures.signed(sdk, Map.of("public_id", "transport")));
        signed.put("chunk_size", "5242880");
        signed.put("content_range", "bytes 0-" + (png.length - 1) + "/" + png.length);
        signed.put("x_unique_upload_id", "abc123");
        signed.put("filename", "f");
        signed.put("stream", "true");
        HttpResponse<byte[]> res = post("image", signed, "f.png", png);
        assertThat(res.statusCode()).as(new String(res.body(), StandardCharsets.UTF_8)).isEqualTo(200);

        Map<String, String> tampered = new LinkedHashMap<>(Fixtures.signed(sdk, Map.of("public_id", "transport2")));
        tampered.put("overwrite", "false");
        HttpResponse<byte[]> refused = post("image", tampered, "f.png", png);
        assertThat(refused.statusCode()).as("real upload parameters stay signed").isEqualTo(401);
    }

    private static HttpResponse<byte[]> post(String rt, Map<String, String> fields, String filename, byte[] file) {
        Map<String, String> signed = fields.containsKey("signature") ? fields : Fixtures.signed(sdk, fields);
        return Fixtures.postMultipart(Fixtures.uploadUrl(emulator, rt), signed, filename, file);
    }

    private static HttpResponse<byte[]> chunk(String rt, Map<String, String> signed, String id, byte[] file, int from, int to, long total) {
        return Fixtures.postMultipart(Fixtures.uploadUrl(emulator, rt), signed, "blob", Arrays.copyOfRange(file, from, to),
                "X-Unique-Upload-Id", id, "Content-Range", "bytes " + from + "-" + (to - 1) + "/" + total);
    }

    private static byte[] noise(int size) {
        byte[] b = new byte[size];
        new Random(11).nextBytes(b);
        return b;
    }
}
