package com.chirpchat.bootstrap;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.Api.Session;
import com.chirpchat.bootstrap.support.MediaFiles;
import com.chirpchat.bootstrap.support.ShiftedClock;
import com.chirpchat.bootstrap.support.Socket;
import com.chirpchat.bootstrap.support.TestServer;
import com.chirpchat.emulator.MediaEmulator;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole media flow on the zero-setup defaults (embedded database, local Cloudinary-compatible service):
 * sign → upload as a browser does → notifications → {@code media_processed} on the socket → expiring URLs that
 * serve real variants → refused after expiry → delete → gone from the media service.
 */
class MediaFlowIT {
    private static final Duration PROCESSING = Duration.ofSeconds(90);
    /** Long enough for every download however busy the machine: expiry is reached by moving the clock, not waiting. */
    private static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final ShiftedClock CLOCK = new ShiftedClock();
    private static ChirpChatServer server;
    private static Api api;
    private static MediaEmulator media;
    private static Path dataDir;

    @BeforeAll
    static void start() {
        dataDir = TestServer.tempDir("chirp-media");
        Map<String, String> settings = TestServer.defaults(dataDir);
        settings.put("chirpchat.media.local.port", "0");
        settings.put("chirpchat.media.url-lifetime", "PT" + LIFETIME.toSeconds() + "S");
        settings.put("chirpchat.media.deletion.initial-delay", "PT0.2S");
        settings.put("chirpchat.media.deletion.max-delay", "PT1S");
        settings.put("chirpchat.media.deletion.poll-interval", "PT0.1S");
        server = TestServer.start(settings, CLOCK);
        api = new Api(server.baseUri());
        media = server.localMediaService().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anImageGoesFromSignatureToExpiringVariantsToDeletion() throws Exception {
        Session ada = api.signUp("ada");
        Session bob = api.signUp("bob");
        Session eve = api.signUp("eve");
        String chatId = chat(ada, bob);
        byte[] png = MediaFiles.png(1200, 900);
        try (Socket bobs = Socket.open(api.base(), bob.token())) {
            JsonNode signature = api.post("/uploads/get-cloudinary-upload-signature", ada.token(),
                                          Map.of("chatId", chatId, "resourceType", "image", "fileName", "cat.png", "bytes", png.length))
                    .expect(200).json();
            String messageId = signature.get("messageId").asText();
            JsonNode params = signature.get("params");
            assertThat(params.get("type").asText()).isEqualTo("authenticated");
            assertThat(params.get("folder").asText()).isEqualTo("chats/" + chatId);
            assertThat(params.get("overwrite").asText()).isEqualTo("false");
            assertThat(params.get("eager_async").asText()).isEqualTo("true");
            assertThat(params.get("notification_url").asText()).endsWith("/webhooks/cloudinary/media-processed");
            assertThat(params.get("eager").asText()).contains("w_250").contains("w_800");

            JsonNode created = bobs.await(f -> f.path("type").asText().equals("message_created"), Duration.ofSeconds(10));
            assertThat(created.get("data").get("media").get("status").asText()).isEqualTo("uploading");

            HttpResponse<String> uploaded = MediaFiles.upload(signature, "cat.png", png);
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);

            JsonNode processed = bobs.await(f -> f.path("type").asText().equals("media_processed"), PROCESSING);
            JsonNode mediaJson = processed.get("data").get("media");
            assertThat(mediaJson.get("status").asText()).isEqualTo("ready");
            assertThat(mediaJson.get("variants").toString()).isEqualTo("[\"thumbnail_250\",\"preview_800\"]");
            assertThat(mediaJson.get("format").asText()).isEqualTo("png");
            assertThat(mediaJson.get("width").asInt()).isEqualTo(1200);

            Instant asked = Instant.now();
            JsonNode access = api.get("/media/" + messageId, bob.token()).expect(200).json();
            Instant expiresAt = Instant.parse(access.get("expiresAt").asText());
            assertThat(expiresAt).isBetween(asked.plus(LIFETIME).minusSeconds(2), asked.plus(LIFETIME).plusSeconds(2));
            HttpResponse<byte[]> original = MediaFiles.download(access.get("original").get("url").asText());
            assertThat(original.statusCode()).isEqualTo(200);
            assertThat(original.body()).isEqualTo(png);
            BufferedImage thumbnail = MediaFiles.image(MediaFiles.download(access.get("variants").get("thumbnail_250").get("url").asText()).body());
            assertThat(thumbnail.getWidth()).isEqualTo(250);
            assertThat(thumbnail.getHeight()).isEqualTo(250);
            HttpResponse<byte[]> preview = MediaFiles.download(access.get("variants").get("preview_800").get("url").asText());
            assertThat(preview.statusCode()).isEqualTo(200);
            assertThat(new String(preview.body(), 8, 4, StandardCharsets.US_ASCII)).as("a WebP file").isEqualTo("WEBP");
            api.get("/media/" + messageId, eve.token()).expectProblem(403, "not_a_member");

            // the URLs stop working after their lifetime, the original and every variant
            CLOCK.shift(Duration.between(Instant.now(), expiresAt).plusSeconds(1));
            try {
                assertThat(MediaFiles.download(access.get("original").get("url").asText()).statusCode()).isIn(401, 403);
                assertThat(MediaFiles.download(access.get("variants").get("thumbnail_250").get("url").asText()).statusCode()).isIn(401, 403);
                assertThat(MediaFiles.download(access.get("variants").get("preview_800").get("url").asText()).statusCode()).isIn(401, 403);
            } finally {
                CLOCK.reset();
            }

            // deleting the message deletes the asset from the media service
            JsonNode fresh = api.get("/media/" + messageId, bob.token()).expect(200).json();
            api.delete("/messages/" + messageId, ada.token()).expect(204);
            api.get("/media/" + messageId, bob.token()).expectProblem(404, "not_found");
            awaitGone(fresh.get("original").get("url").asText());
        }
    }

    @Test
    void videoAndAudioGetEveryVariantIncludingStreamingSegments() throws Exception {
        Session ada = api.signUp("ada");
        String chatId = chat(ada);
        try (Socket adas = Socket.open(api.base(), ada.token())) {
            String video = uploadAndAwait(ada, chatId, "video", "clip.mp4", MediaFiles.video(dataDir), adas);
            JsonNode access = api.get("/media/" + video, ada.token()).expect(200).json();
            assertThat(iterable(access.get("variants").fieldNames())).containsExactly("mp4", "hls", "dash", "poster", "animated_preview");
            for (String variant : List.of("mp4", "poster", "animated_preview", "dash")) {
                assertThat(MediaFiles.download(access.get("variants").get(variant).get("url").asText()).statusCode())
                        .as(variant).isEqualTo(200);
            }
            assertPlaylistPlays(access.get("variants").get("hls").get("url").asText());
            // sizes and durations as the media service measured them (issue 14.8)
            JsonNode original = access.get("original");
            assertThat(original.get("durationSeconds").asDouble()).isPositive();
            for (String variant : List.of("mp4", "hls", "dash", "poster", "animated_preview")) {
                JsonNode link = access.get("variants").get(variant);
                assertThat(link.get("width").asInt()).as(variant + " width").isPositive();
                assertThat(link.get("height").asInt()).as(variant + " height").isPositive();
                assertThat(link.get("durationSeconds").isNull()).as(variant + " duration").isEqualTo(variant.equals("poster"));
            }
            assertThat(access.get("variants").get("mp4").get("width").asInt()).isEqualTo(original.get("width").asInt());

            String audio = uploadAndAwait(ada, chatId, "audio", "tone.mp3", MediaFiles.audio(dataDir), adas);
            JsonNode sound = api.get("/media/" + audio, ada.token()).expect(200).json();
            assertThat(iterable(sound.get("variants").fieldNames())).containsExactly("mp3", "waveform");
            assertThat(MediaFiles.image(MediaFiles.download(sound.get("variants").get("waveform").get("url").asText()).body()).getWidth())
                    .isPositive();
            assertThat(sound.get("variants").get("mp3").get("durationSeconds").asDouble()).isPositive();
            assertThat(sound.get("variants").get("mp3").get("width").isNull()).isTrue();
            assertThat(sound.get("variants").get("waveform").get("width").asInt()).isEqualTo(1000);
        }
    }

    @Test
    void forgedStaleAndRepeatedNotificationsChangeNothing() throws Exception {
        Session ada = api.signUp("ada");
        String chatId = chat(ada);
        String body = "{\"notification_type\":\"upload\",\"public_id\":\"chats/" + chatId + "/x\",\"format\":\"png\"}";
        String now = String.valueOf(Instant.now().getEpochSecond());
        webhook(body, now, "0".repeat(40)).expectProblem(401, "invalid_signature");
        webhook(body, now, "").expectProblem(401, "invalid_signature");
        String stale = String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond());
        webhook(body, stale, sign(body, stale)).expectProblem(401, "stale_request");
        String future = String.valueOf(Instant.now().plusSeconds(3600).getEpochSecond());
        webhook(body, future, sign(body, future)).expectProblem(401, "stale_request");
        // genuine but about an asset nobody has: acknowledged so the store stops retrying
        assertThat(webhook(body, now, sign(body, now)).expect(200).json().get("outcome").asText()).isEqualTo("no_such_media");

        try (Socket adas = Socket.open(api.base(), ada.token())) {
            String messageId = uploadAndAwait(ada, chatId, "image", "dot.png", MediaFiles.png(40, 30), adas);
            // replaying a real notification (same body, fresh timestamp) emits nothing new
            String replay = "{\"notification_type\":\"eager\",\"public_id\":\"chats/" + chatId + "/" + messageId + "\",\"eager\":[]}";
            String ts = String.valueOf(Instant.now().getEpochSecond());
            webhook(replay, ts, sign(replay, ts)).expect(200);
            webhook(replay, ts, sign(replay, ts)).expect(200);
            // the barrier: the next event of the chat; had a replay emitted anything, it would have come first
            api.post("/chats/" + chatId + "/messages", ada.token(), Map.of("text", "after the replays")).expect(201);
            adas.await(f -> f.path("type").asText().equals("message_created")
                    && f.path("data").path("text").asText().equals("after the replays"), Duration.ofSeconds(10));
            assertThat(adas.history()).filteredOn(f -> f.path("type").asText().startsWith("media_")).hasSize(1);
            assertThat(api.get("/media/" + messageId, ada.token()).expect(200).json().get("status").asText()).isEqualTo("ready");
        }
    }

    /**
     * Issue 13.2 and 13.3 as the review ran them: the same signed upload posted again after the message was deleted
     * (and its file destroyed), and a signature obtained while a member used after removal. Neither file may stay,
     * and the removed member's media never becomes ready.
     */
    @Test
    void filesNobodyWantsAnyMoreAreDestroyedWheneverTheyArrive() throws Exception {
        Session ada = api.signUp("ada");
        Session bob = api.signUp("bob");
        String chatId = chat(ada, bob);
        byte[] png = MediaFiles.png(320, 240);
        try (Socket adas = Socket.open(api.base(), ada.token())) {
            JsonNode signature = api.post("/uploads/get-cloudinary-upload-signature", ada.token(),
                                          Map.of("chatId", chatId, "resourceType", "image", "fileName", "a.png")).expect(200).json();
            String messageId = signature.get("messageId").asText();
            assertThat(MediaFiles.upload(signature, "a.png", png).statusCode()).isEqualTo(200);
            adas.await(f -> f.path("type").asText().equals("media_processed"), PROCESSING);
            String original = api.get("/media/" + messageId, ada.token()).expect(200).json().get("original").get("url").asText();
            api.delete("/messages/" + messageId, ada.token()).expect(204);
            awaitGone(original);
            HttpResponse<String> again = MediaFiles.upload(signature, "a.png", png);
            assertThat(again.statusCode()).as("the store takes the same signed upload again: " + again.body()).isEqualTo(200);
            awaitGone(original);

            JsonNode bobs = api.post("/uploads/get-cloudinary-upload-signature", bob.token(),
                                     Map.of("chatId", chatId, "resourceType", "image", "fileName", "b.png")).expect(200).json();
            String bobsMessage = bobs.get("messageId").asText();
            api.delete("/chats/" + chatId + "/members/" + bob.id(), ada.token()).expect(204);
            JsonNode failed = adas.await(f -> f.path("type").asText().equals("media_failed")
                    && f.path("data").path("id").asText().equals(bobsMessage), Duration.ofSeconds(10));
            assertThat(failed.get("data").get("media").get("failureReason").asText()).contains("removed");
            assertThat(MediaFiles.upload(bobs, "b.png", png).statusCode()).isEqualTo(200);
            String key = "chats/" + chatId + "/" + bobsMessage;
            String token = new com.cloudinary.AuthToken(media.tokenKey()).duration(300)
                    .acl("/chirpchat/image/authenticated/*" + key + "*").generate();
            awaitGone(media.baseUri() + "/chirpchat/image/authenticated/v1/" + key + ".png?" + token);
            assertThat(api.get("/media/" + bobsMessage, ada.token()).expect(200).json().get("status").asText()).isEqualTo("failed");
            JsonNode log = api.get("/chats/" + chatId + "/events?after=0", ada.token()).expect(200).json();
            for (JsonNode event : log.get("items")) {
                assertThat(event.get("type").asText() + " " + event.path("data").path("id").asText())
                        .isNotEqualTo("media_processed " + bobsMessage);
            }
        }
    }

    /** Issue 14.7 and 13.5: a document keeps its name and extension, and comes back as a download, never a page. */
    @Test
    void aDocumentKeepsItsNameAndIsDeliveredAsADownloadOfItsType() {
        Session ada = api.signUp("ada");
        String chatId = chat(ada);
        byte[] pdf = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        try (Socket adas = Socket.open(api.base(), ada.token())) {
            JsonNode signature = api.post("/uploads/get-cloudinary-upload-signature", ada.token(),
                    Map.of("chatId", chatId, "resourceType", "raw", "fileName", "Quarterly Report.pdf", "bytes", pdf.length))
                    .expect(200).json();
            String messageId = signature.get("messageId").asText();
            // whatever name the client's multipart gives, the signed name is the one kept
            assertThat(MediaFiles.upload(signature, "upload.bin", pdf).statusCode()).isEqualTo(200);
            adas.await(f -> f.path("type").asText().equals("media_processed") && f.path("data").path("id").asText().equals(messageId),
                       PROCESSING);
            JsonNode original = api.get("/media/" + messageId, ada.token()).expect(200).json().get("original");
            assertThat(original.get("fileName").asText()).isEqualTo("Quarterly Report.pdf");
            assertThat(original.get("format").asText()).isEqualTo("pdf");
            HttpResponse<byte[]> download = MediaFiles.download(original.get("url").asText());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(pdf);
            assertThat(download.headers().firstValue("Content-Type")).contains("application/pdf");
            assertThat(download.headers().firstValue("Content-Disposition").orElse(""))
                    .startsWith("attachment; filename=\"Quarterly Report.pdf\"");
            assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

            // a web page declared as a text file is refused by the media service, and the message fails at once
            JsonNode page = api.post("/uploads/get-cloudinary-upload-signature", ada.token(),
                    Map.of("chatId", chatId, "resourceType", "raw", "fileName", "notes.txt")).expect(200).json();
            HttpResponse<String> refused = MediaFiles.upload(page, "notes.txt",
                    "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8));
            assertThat(refused.statusCode()).isEqualTo(400);
            String pageId = page.get("messageId").asText();
            api.post("/media/" + pageId + "/failed", ada.token(), Map.of("reason", refused.body())).expect(200);
            adas.await(f -> f.path("type").asText().equals("media_failed") && f.path("data").path("id").asText().equals(pageId),
                       Duration.ofSeconds(10));
        }
    }

    @Test
    void limitsAreCheckedBeforeAndAfterTheUpload() {
        Session ada = api.signUp("ada");
        String chatId = chat(ada);
        String sign = "/uploads/get-cloudinary-upload-signature";
        api.post(sign, ada.token(), Map.of("chatId", chatId, "resourceType", "image", "fileName", "virus.exe"))
                .expectProblem(415, "unsupported_media_type");
        api.post(sign, ada.token(), Map.of("chatId", chatId, "resourceType", "image", "bytes", 1L << 40))
                .expectProblem(413, "payload_too_large");
        api.post(sign, ada.token(), Map.of("chatId", chatId, "resourceType", "hologram")).expectProblem(400, "validation_failed");
        // declared as an image, but the file is audio: the media service refuses it by its allowed formats
        JsonNode signature = api.post(sign, ada.token(), Map.of("chatId", chatId, "resourceType", "image")).expect(200).json();
        HttpResponse<String> refused = MediaFiles.upload(signature, "song.png", MediaFiles.audio(dataDir));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(api.get("/media/" + signature.get("messageId").asText(), ada.token()).expect(200).json().get("status").asText())
                .isEqualTo("uploading");
    }

    // ---- helpers

    private static String chat(Session owner, Session... members) {
        return api.post("/chats", owner.token(), Map.of("title", "media", "memberIds", java.util.Arrays.stream(members).map(Session::id).toList()))
                .expect(201).json().get("id").asText();
    }

    private static String uploadAndAwait(Session who, String chatId, String type, String name, byte[] file, Socket socket) {
        JsonNode signature = api.post("/uploads/get-cloudinary-upload-signature", who.token(),
                                      Map.of("chatId", chatId, "resourceType", type, "fileName", name, "bytes", file.length))
                .expect(200).json();
        String messageId = signature.get("messageId").asText();
        HttpResponse<String> uploaded = MediaFiles.upload(signature, name, file);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        JsonNode settled = socket.await(f -> f.path("type").asText().startsWith("media_")
                && f.path("data").path("id").asText().equals(messageId), PROCESSING);
        assertThat(settled.get("type").asText()).as(settled.toString()).isEqualTo("media_processed");
        return messageId;
    }

    /** Fetches an HLS manifest, its media playlists and every segment, as a player would. */
    private static void assertPlaylistPlays(String manifestUrl) {
        HttpResponse<byte[]> manifest = MediaFiles.download(manifestUrl);
        assertThat(manifest.statusCode()).isEqualTo(200);
        int fetched = 0;
        for (String line : new String(manifest.body(), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String playlistUrl = URI.create(manifestUrl).resolve(line.strip()).toString();
            HttpResponse<byte[]> playlist = MediaFiles.download(playlistUrl);
            assertThat(playlist.statusCode()).as(playlistUrl).isEqualTo(200);
            for (String part : new String(playlist.body(), StandardCharsets.UTF_8).split("\n")) {
                if (!part.isBlank() && !part.startsWith("#")) {
                    String segmentUrl = URI.create(playlistUrl).resolve(part.strip()).toString();
                    assertThat(MediaFiles.download(segmentUrl).statusCode()).as(segmentUrl).isEqualTo(200);
                    fetched++;
                }
            }
        }
        assertThat(fetched).as("segments played").isPositive();
    }

    private static Api.Response webhook(String body, String timestamp, String signature) {
        return api.postRawWithHeaders("/webhooks/cloudinary/media-processed", "application/json", body,
                                      Map.of("X-Cld-Timestamp", timestamp, "X-Cld-Signature", signature));
    }

    /** Signs a notification the way Cloudinary does: hex SHA-1 of body + timestamp + API secret. */
    private static String sign(String body, String timestamp) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        return HexFormat.of().formatHex(sha1.digest((body + timestamp + media.apiSecret()).getBytes(StandardCharsets.UTF_8)));
    }

    private static void awaitGone(String url) {
        await("the asset is no longer served at " + url).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> MediaFiles.download(url).statusCode() == 404);
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
