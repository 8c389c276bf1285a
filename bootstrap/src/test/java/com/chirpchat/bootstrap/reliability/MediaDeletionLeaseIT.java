package com.chirpchat.bootstrap.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.Api.Session;
import com.chirpchat.bootstrap.support.MediaFiles;
import com.chirpchat.bootstrap.support.ShiftedClock;
import com.chirpchat.bootstrap.support.Socket;
import com.chirpchat.bootstrap.support.TestServer;
import com.chirpchat.emulator.Faults;
import com.chirpchat.emulator.MediaEmulator;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12.4: deleted media must not stay downloadable for a dead worker's lease. Instances configured as in
 * production (a Cloudinary URL) share a media service running on its own, whose clock the test can move.
 */
class MediaDeletionLeaseIT {
    private final ShiftedClock cloudinaryClock = new ShiftedClock();
    private MediaEmulator cloudinary;
    /** The instances' way to the media service's API (uploads and destroys); delivery URLs go to it directly. */
    private TcpProxy cloudinaryApi;
    private Fleet fleet;

    @BeforeEach
    void start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        cloudinary = MediaEmulator.builder().host("127.0.0.1").port(port).dataDir(TestServer.tempDir("chirp-lease-media"))
                .cloudName("lease").apiKey("123456789").apiSecret("lease-secret").tokenKey("0a1b2c3d4e5f60718293a4b5c6d7e8f9")
                .clock(cloudinaryClock).build();
        cloudinary.start();
        cloudinaryApi = TcpProxy.start(port);
        fleet = Fleet.start(1, Fleet.settings(
                "chirpchat.cloudinary.url", cloudinary.cloudinaryUrl(),
                "chirpchat.cloudinary.token-key", cloudinary.tokenKey(),
                "chirpchat.cloudinary.upload-prefix", "http://127.0.0.1:" + cloudinaryApi.port(),
                "chirpchat.cloudinary.sdk.secure", "false",
                "chirpchat.cloudinary.sdk.cname", "127.0.0.1:" + port,
                "chirpchat.cloudinary.sdk.analytics", "false",
                "chirpchat.media.deletion.poll-interval", "PT0.2S"));
    }

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
        cloudinaryApi.close();
        cloudinary.stop();
    }

    /**
     * Instance 0's worker claims the deletion and dies with its destroy on the way (the request held in the network,
     * then cut; its database connections frozen and cut, as a killed process's would be). Another instance takes the
     * task over once the (short) lease has run out, and the URLs stop working within seconds.
     */
    @Test
    void aDeadWorkersDeletionIsTakenOverWithinSeconds() throws Exception {
        Api api = fleet.api(0);
        Session ada = api.signUp("ada");
        Uploaded image = upload(api, ada);

        cloudinaryApi.freeze();
        long sentBefore = cloudinaryApi.sent();
        api.delete("/messages/" + image.messageId(), ada.token()).expect(204);
        await("instance 0 claims the deletion and sends the destroy").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> attempts(image) == 1 && cloudinaryApi.sent() > sentBefore);
        fleet.database(0).freeze();
        fleet.database(0).cut(); // instance 0 is as good as dead: it can neither renew nor report
        long died = System.nanoTime();
        cloudinaryApi.cut();     // its destroy never arrives
        cloudinaryApi.thaw();
        assertThat(MediaFiles.download(image.url()).statusCode()).as("not destroyed by the dead worker").isEqualTo(200);

        fleet.add();
        await("the URL stops working").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> MediaFiles.download(image.url()).statusCode() == 404);
        assertThat(Duration.ofNanos(System.nanoTime() - died)).as("taken over within the lease and a poll, not minutes")
                .isLessThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(attempts(image)).as("gone from the queue").isZero();
    }

    /** Whatever happens to the deletion, URLs handed out before it stop working at their own expiry. */
    @Test
    void handedOutUrlsStopWorkingAtTheirExpiryEvenIfTheAssetIsNeverDestroyed() throws Exception {
        Api api = fleet.api(0);
        Session ada = api.signUp("ada");
        Uploaded image = upload(api, ada);

        cloudinary.faults().failDestroy(Faults.UNTIL_RESET);
        api.delete("/messages/" + image.messageId(), ada.token()).expect(204);
        await("a refused destroy").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> attempts(image) >= 1 && lastError(image) != null);
        assertThat(MediaFiles.download(image.url()).statusCode()).as("not destroyed: still served until it expires").isEqualTo(200);
        api.get("/media/" + image.messageId(), ada.token()).expectProblem(404, "not_found"); // no new links

        cloudinaryClock.shift(Duration.between(Instant.now(), image.expiresAt()).plusSeconds(1));
        assertThat(MediaFiles.download(image.url()).statusCode()).as("expired with its lifetime").isEqualTo(403);
    }

    private record Uploaded(String messageId, String assetKey, String url, Instant expiresAt) {
    }

    private Uploaded upload(Api api, Session who) {
        String chatId = api.post("/chats", who.token(), Map.of("title", "lease", "memberIds", List.of())).expect(201).json()
                .get("id").asText();
        try (Socket socket = Socket.open(api.base(), who.token())) {
            JsonNode signature = api.post("/uploads/get-cloudinary-upload-signature", who.token(),
                                          Map.of("chatId", chatId, "resourceType", "image", "fileName", "x.png")).expect(200).json();
            HttpResponse<String> uploaded = MediaFiles.upload(signature, "x.png", MediaFiles.png(64, 48));
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
            String messageId = signature.get("messageId").asText();
            socket.await(f -> f.path("type").asText().equals("media_processed") && f.path("data").path("id").asText().equals(messageId),
                         Duration.ofSeconds(60));
            JsonNode media = api.get("/media/" + messageId, who.token()).expect(200).json();
            String url = media.get("original").get("url").asText();
            assertThat(MediaFiles.download(url).statusCode()).isEqualTo(200);
            return new Uploaded(messageId, "chats/" + chatId + "/" + messageId, url, Instant.parse(media.get("expiresAt").asText()));
        }
    }

    private int attempts(Uploaded image) throws SQLException {
        return ((Number) queued(image, "attempts", 0)).intValue();
    }

    private String lastError(Uploaded image) throws SQLException {
        Object error = queued(image, "last_error", null);
        return error == null ? null : error.toString();
    }

    private Object queued(Uploaded image, String column, Object none) throws SQLException {
        try (Connection sql = fleet.sql();
             PreparedStatement query = sql.prepareStatement("SELECT " + column + " FROM media_deletions WHERE asset_key LIKE ?")) {
            query.setString(1, "%" + image.messageId() + "%");
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? (row.getObject(1) == null ? none : row.getObject(1)) : none;
            }
        }
    }
}
