package com.chirpchat.adapters.cloudinary;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.media.MediaNotification;
import com.chirpchat.application.media.MediaStoreException;
import com.chirpchat.application.media.SignedUpload;
import com.chirpchat.application.media.UploadSpec;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.emulator.Faults;
import com.chirpchat.emulator.MediaEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What goes wrong: refused uploads, failed processing, failing/stalled/unreachable destroy, forged notifications. */
class FailuresIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Receiver receiver;
    static CloudinaryMediaStore store;

    @BeforeAll
    static void start() throws IOException {
        emulator = Emulated.start(dir.resolve("media"));
        receiver = new Receiver();
        store = Emulated.tokenStore(emulator, receiver.url(), b -> b.requestTimeout(Duration.ofSeconds(1)));
    }

    @AfterEach
    void resetFaults() {
        emulator.faults().reset();
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

    @Test
    void allowedFormatsRefuseAnotherFormat() {
        SignedUpload signed = store.signUpload(new UploadSpec(Emulated.folder(), "m1", ResourceType.IMAGE, Set.of("jpg", "webp"), 1 << 20));
        HttpResponse<String> response = Emulated.upload(signed, "photo.png", Emulated.png(20, 20));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("png not allowed");
    }

    @Test
    void theSignatureCoversEveryParameter() {
        SignedUpload signed = store.signUpload(new UploadSpec(Emulated.folder(), "m1", ResourceType.IMAGE, Set.of("png"), 1 << 20));
        Map<String, String> fields = new LinkedHashMap<>(Map.of("api_key", signed.apiKey(), "timestamp", Long.toString(signed.timestamp()),
                                                               "signature", signed.signature()));
        fields.putAll(signed.params());
        fields.put("folder", "chats/someone-elses-chat");
        HttpResponse<String> response = Emulated.upload(signed.uploadUrl(), fields, "photo.png", Emulated.png(20, 20));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("Invalid Signature");
    }

    @Test
    void failedEagerItemsAreNotMadeAndTheMediaFails() {
        emulator.faults().failProcessing(2);
        String key = upload(Emulated.png(60, 40));
        MediaNotification eager = store.readNotification(receiver.await(key, "eager", WAIT));
        assertThat(eager).isInstanceOfSatisfying(MediaNotification.Processed.class, p -> assertThat(p.made()).isEmpty());
        MediaNotification upload = store.readNotification(receiver.await(key, "upload", WAIT));
        MediaAsset asset = MediaAsset.uploading(ResourceType.IMAGE, key).uploaded(((MediaNotification.Uploaded) upload).facts())
                .processed(((MediaNotification.Processed) eager).made());
        assertThat(asset.status()).isEqualTo(MediaStatus.FAILED);
    }

    @Test
    void badlySignedNotificationsAreRefused() {
        emulator.faults().notifications(Faults.Notifications.BAD_SIGNATURE);
        String key = upload(Emulated.png(30, 30));
        var raw = receiver.await(key, "upload", WAIT);
        assertThatThrownBy(() -> store.readNotification(raw)).isInstanceOfSatisfying(UseCaseException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
        receiver.await(key, "eager", WAIT);
    }

    @Test
    void destroyFailuresAreMediaStoreExceptionsAndDestroyIsIdempotent() {
        String key = upload(Emulated.png(30, 30));
        receiver.await(key, "eager", WAIT);
        emulator.faults().failDestroy(1);
        assertThatThrownBy(() -> store.destroy(key, ResourceType.IMAGE)).isInstanceOf(MediaStoreException.class).hasMessageContaining(key);
        store.destroy(key, ResourceType.IMAGE);
        store.destroy(key, ResourceType.IMAGE);
        store.destroy(Emulated.folder() + "/never-uploaded", ResourceType.VIDEO);
    }

    @Test
    void aStalledDestroyTimesOut() {
        emulator.faults().stall(Faults.Stall.DESTROY, Duration.ofSeconds(4));
        long start = System.nanoTime();
        assertThatThrownBy(() -> store.destroy(Emulated.folder() + "/m1", ResourceType.IMAGE)).isInstanceOf(MediaStoreException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void anUnreachableStoreIsReportedNotThrown() {
        try (MediaEmulator other = Emulated.start(dir.resolve("other"))) {
            CloudinaryMediaStore otherStore = Emulated.downloadStore(other, receiver.url(), b -> b.requestTimeout(Duration.ofSeconds(2)));
            assertThat(otherStore.reachable()).isTrue();
            other.stop();
            assertThat(otherStore.reachable()).isFalse();
            assertThatThrownBy(() -> otherStore.destroy("chats/c1/m1", ResourceType.IMAGE)).isInstanceOf(MediaStoreException.class);
        }
    }

    private static String upload(byte[] png) {
        String folder = Emulated.folder();
        SignedUpload signed = store.signUpload(new UploadSpec(folder, "m1", ResourceType.IMAGE, Set.of("png"), 1 << 20));
        HttpResponse<String> response = Emulated.upload(signed, "photo.png", png);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return folder + "/m1";
    }
}
