package com.chirpchat.bootstrap;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.Api.Session;
import com.chirpchat.bootstrap.support.MediaFiles;
import com.chirpchat.bootstrap.support.Socket;
import com.chirpchat.bootstrap.support.TestServer;
import com.chirpchat.emulator.MediaEmulator;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deleting a media message deletes its asset durably: while the media service fails or can't be reached the
 * deletion is retried, and a server restart in the middle loses nothing. The server is configured as in
 * production (a Cloudinary URL) and talks to a media service running on its own.
 */
class MediaDeletionIT {
    private MediaEmulator cloudinary;
    private int cloudinaryPort;
    private Path dataDir;
    private ChirpChatServer server;

    @BeforeEach
    void startCloudinary() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            cloudinaryPort = socket.getLocalPort();
        }
        Path mediaDir = TestServer.tempDir("chirp-cloudinary");
        cloudinary = MediaEmulator.builder().host("127.0.0.1").port(cloudinaryPort).dataDir(mediaDir).cloudName("prod-like")
                .apiKey("123456789").apiSecret("prod-like-secret").tokenKey("0a1b2c3d4e5f60718293a4b5c6d7e8f9").build();
        cloudinary.start();
        dataDir = TestServer.tempDir("chirp-deletion");
    }

    @AfterEach
    void stopAll() {
        if (server != null) {
            server.close();
        }
        cloudinary.stop();
    }

    @Test
    void aFailingMediaServiceIsRetriedUntilTheAssetIsGone() {
        server = startServer();
        Api api = new Api(server.baseUri());
        Session ada = api.signUp("ada");
        Uploaded image = upload(api, ada);

        cloudinary.faults().failDestroy(3);
        api.delete("/messages/" + image.messageId(), ada.token()).expect(204);
        awaitGone(image.url(), Duration.ofSeconds(30));
        assertThat(metrics(api)).contains("chirpchat_media_deletions_retried");
    }

    @Test
    void anUnreachableMediaServiceAndARestartLoseNoDeletion() {
        server = startServer();
        Api api = new Api(server.baseUri());
        Session ada = api.signUp("ada");
        Uploaded first = upload(api, ada);
        Uploaded second = upload(api, ada);

        // the media service refuses every deletion, then the server goes down with the deletion still queued
        cloudinary.faults().failDestroy(-1);
        long failedBefore = failedAttempts(api);
        api.delete("/messages/" + first.messageId(), ada.token()).expect(204);
        awaitFailedAttempt(api, failedBefore); // the worker tried and was refused: the check below can fail
        assertThat(MediaFiles.download(first.url()).statusCode()).as("not deleted while refused").isEqualTo(200);
        server.close();
        server = null;

        // the service comes back; a new server on the same data picks the deletion up
        cloudinary.faults().reset();
        server = startServer();
        api = new Api(server.baseUri());
        awaitGone(first.url(), Duration.ofSeconds(30));

        // now the service is unreachable altogether while a message is deleted
        cloudinary.stop();
        Api current = api;
        long failedWhileDown = failedAttempts(current);
        api.delete("/messages/" + second.messageId(), ada.token()).expect(204);
        awaitFailedAttempt(current, failedWhileDown); // tried while the service was unreachable
        cloudinary.start();
        awaitGone(second.url(), Duration.ofSeconds(30));
    }

    @Test
    void aDeletionThatNeverSucceedsIsDeadLetteredVisibly() {
        server = startServer(Map.of("chirpchat.media.deletion.max-attempts", "3"));
        Api api = new Api(server.baseUri());
        Session ada = api.signUp("ada");
        Uploaded image = upload(api, ada);
        cloudinary.faults().failDestroy(-1);
        api.delete("/messages/" + image.messageId(), ada.token()).expect(204);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> metrics(api).lines()
                .anyMatch(l -> l.startsWith("chirpchat_media_deletions_dead{") && l.trim().endsWith(" 1.0")));
        String metrics = metrics(api);
        assertThat(metrics.lines().filter(l -> l.startsWith("chirpchat_media_deletions_dead{")))
                .as("the dead-lettered deletion shows in the metrics").anyMatch(l -> l.trim().endsWith(" 1.0"));
        assertThat(MediaFiles.download(image.url()).statusCode()).isEqualTo(200);
    }

    // ---- helpers

    private ChirpChatServer startServer() {
        return startServer(Map.of());
    }

    private ChirpChatServer startServer(Map<String, String> extra) {
        Map<String, String> settings = TestServer.defaults(dataDir);
        settings.put("chirpchat.cloudinary.url", cloudinary.cloudinaryUrl());
        settings.put("chirpchat.cloudinary.token-key", cloudinary.tokenKey());
        settings.put("chirpchat.cloudinary.upload-prefix", "http://127.0.0.1:" + cloudinaryPort);
        settings.put("chirpchat.cloudinary.sdk.secure", "false");
        settings.put("chirpchat.cloudinary.sdk.cname", "127.0.0.1:" + cloudinaryPort);
        settings.put("chirpchat.cloudinary.sdk.analytics", "false");
        settings.put("chirpchat.media.url-lifetime", "PT5M");
        settings.put("chirpchat.media.deletion.initial-delay", "PT0.2S");
        settings.put("chirpchat.media.deletion.max-delay", "PT0.5S");
        settings.put("chirpchat.media.deletion.poll-interval", "PT0.1S");
        settings.putAll(extra);
        return TestServer.start(settings);
    }

    private record Uploaded(String messageId, String url) {
    }

    private static Uploaded upload(Api api, Session who) {
        String chatId = api.post("/chats", who.token(), Map.of("title", "del", "memberIds", java.util.List.of())).expect(201).json().get("id").asText();
        try (Socket socket = Socket.open(api.base(), who.token())) {
            byte[] png = MediaFiles.png(64, 48);
            JsonNode signature = api.post("/uploads/get-cloudinary-upload-signature", who.token(),
                                          Map.of("chatId", chatId, "resourceType", "image", "fileName", "x.png")).expect(200).json();
            HttpResponse<String> uploaded = MediaFiles.upload(signature, "x.png", png);
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
            String messageId = signature.get("messageId").asText();
            socket.await(f -> f.path("type").asText().equals("media_processed") && f.path("data").path("id").asText().equals(messageId),
                         Duration.ofSeconds(60));
            String url = api.get("/media/" + messageId, who.token()).expect(200).json().get("original").get("url").asText();
            assertThat(MediaFiles.download(url).statusCode()).isEqualTo(200);
            return new Uploaded(messageId, url);
        }
    }

    private static String metrics(Api api) {
        return api.get("/observe/metrics", null).expect(200).body();
    }

    private static void awaitGone(String url, Duration timeout) {
        await("the asset is no longer served at " + url).atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> MediaFiles.download(url).statusCode() == 404);
    }

    /** Deletion attempts that failed so far (the {@code chirpchat_media_deletions_retried} counter). */
    private static long failedAttempts(Api api) {
        return metrics(api).lines().filter(l -> l.startsWith("chirpchat_media_deletions_retried"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void awaitFailedAttempt(Api api, long before) {
        await("a failed deletion attempt").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> failedAttempts(api) > before);
    }
}
