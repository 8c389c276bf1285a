package com.chirpchat.adapters.cloudinary;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import com.chirpchat.application.contract.MediaStoreContract;
import com.chirpchat.application.media.MediaStore;
import com.chirpchat.application.media.RawNotification;
import com.chirpchat.application.media.SignedUpload;
import com.chirpchat.emulator.MediaEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Cloudinary adapter keeps the media-store contract, against the real local Cloudinary-compatible service
 * (started in-test) with a real webhook receiving its notifications, in token delivery mode.
 */
class CloudinaryMediaStoreContractIT extends MediaStoreContract {
    private static final Duration WAIT = Duration.ofSeconds(90);
    // the service compares expiry in whole seconds: a link is dead once the second after its expiry has begun
    private static final Duration EXPIRY_GRANULARITY = Duration.ofMillis(1200);

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Receiver receiver;
    static CloudinaryMediaStore store;

    @BeforeAll
    static void start() throws IOException {
        emulator = Emulated.start(dir.resolve("media"));
        receiver = new Receiver();
        store = Emulated.tokenStore(emulator, receiver.url(), b -> b);
        assertThat(store.deliveryMode()).isEqualTo("token");
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (emulator != null) {
            emulator.stop();
        }
    }

    @Override
    protected MediaStore store() {
        return store;
    }

    @Override
    protected Instant now() {
        return Instant.now();
    }

    @Override
    protected boolean upload(SignedUpload signed, String fileName, byte[] file) {
        int status = Emulated.upload(signed, fileName, file).statusCode();
        assertThat(status).as("the service takes an upload (200) or refuses it (400)").isIn(200, 400);
        return status == 200;
    }

    @Override
    protected RawNotification awaitNotification(String assetKey, Sent kind) {
        return receiver.await(assetKey, kind == Sent.UPLOAD ? "upload" : "eager", WAIT);
    }

    @Override
    protected RawNotification signedAt(byte[] body, Instant at) {
        // X-Cld-Signature: hex SHA-1 of body, then timestamp, then the API secret (the adapter's default algorithm)
        String timestamp = Long.toString(at.getEpochSecond());
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(body);
            sha1.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            sha1.update(Emulated.API_SECRET.getBytes(StandardCharsets.UTF_8));
            return new RawNotification(body, timestamp, HexFormat.of().formatHex(sha1.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected boolean serves(URI url) {
        return Emulated.status(url) == 200;
    }

    @Override
    protected void passTime(Instant instant) {
        // the service runs on the wall clock: wait (bounded) until it has passed the instant
        Instant target = instant.plus(EXPIRY_GRANULARITY);
        Instant deadline = Instant.now().plus(Duration.between(Instant.now(), target)).plusSeconds(5);
        while (Instant.now().isBefore(target)) {
            assertThat(Instant.now()).as("waiting for the clock").isBefore(deadline);
            try {
                Thread.sleep(Math.max(1, Math.min(200, Duration.between(Instant.now(), target).toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
