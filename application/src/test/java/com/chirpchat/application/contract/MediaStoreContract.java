package com.chirpchat.application.contract;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.media.MediaLinks;
import com.chirpchat.application.media.MediaNotification;
import com.chirpchat.application.media.MediaStore;
import com.chirpchat.application.media.RawNotification;
import com.chirpchat.application.media.SignedUpload;
import com.chirpchat.application.media.UploadSpec;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.media.MediaOutcome;
import com.chirpchat.domain.media.MediaReport;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.media.MediaVariants;
import com.chirpchat.domain.media.ResourceType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every media store must do, whatever it is: the application's fake, and the Cloudinary adapter against the
 * local Cloudinary-compatible service. Extend it once per store; the driver methods do what the store's world
 * does (a browser uploading, the webhook receiving, time passing). Everything is an image, which every store
 * processes on its own: this suite is about the port, the media service's own tests cover every file type.
 */
public abstract class MediaStoreContract {
    protected static final byte[] IMAGE = Png.of(64, 48);

    /** What the store sends about an upload. */
    protected enum Sent { UPLOAD, PROCESSING }

    /** The store under test. */
    protected abstract MediaStore store();

    /** The time the store goes by. */
    protected abstract Instant now();

    /** Uploads {@code file} as a browser does, with every signed parameter unchanged; true when the store took it. */
    protected abstract boolean upload(SignedUpload signed, String fileName, byte[] file);

    /** The first notification of this kind the store sent about the asset, as the webhook received it (waits, bounded). */
    protected abstract RawNotification awaitNotification(String assetKey, Sent kind);

    /** {@code body} signed as the store signs notifications, as if sent at {@code at}. */
    protected abstract RawNotification signedAt(byte[] body, Instant at);

    /** Whether the store serves the URL's file right now. */
    protected abstract boolean serves(URI url);

    /** Returns once the store's time is past {@code instant}. */
    protected abstract void passTime(Instant instant);

    @Test
    void anUploadLandsWhereItsSpecSaysAndItsArrivalIsReported() {
        UploadSpec spec = spec(Set.of("png", "jpg"));
        SignedUpload signed = store().signUpload(spec);
        assertThat(signed.signature()).isNotBlank();
        assertThat(Math.abs(signed.timestamp() - now().getEpochSecond())).as("signed now").isLessThan(60);
        assertThat(upload(signed, "photo.png", IMAGE)).isTrue();

        MediaNotification.Uploaded uploaded = (MediaNotification.Uploaded) store().readNotification(awaitNotification(spec.assetKey(), Sent.UPLOAD));
        assertThat(uploaded.assetKey()).isEqualTo(spec.assetKey());
        assertThat(uploaded.facts().format()).hasValue("png");
        assertThat(uploaded.facts().width()).hasValue(64);
        assertThat(uploaded.facts().height()).hasValue(48);
        assertThat(uploaded.facts().bytes()).hasValue(IMAGE.length);
    }

    @Test
    void processingIsReportedWithTheVariantsOfTheTypeAndTheReportsMakeTheMediaReady() {
        MediaAsset ready = uploadAndProcess(spec(Set.of("png")));
        assertThat(ready.status()).isEqualTo(MediaStatus.READY);
        assertThat(ready.madeVariants()).containsExactlyElementsOf(MediaVariants.expected(ResourceType.IMAGE));
    }

    @Test
    void anUploadInAFormatTheSpecDoesNotAllowIsRefusedWhateverItsName() {
        UploadSpec spec = spec(Set.of("gif"));
        assertThat(upload(store().signUpload(spec), "photo.gif", IMAGE)).as("a PNG is a PNG, whatever it is called").isFalse();
    }

    @Test
    void aRepeatedDeliveryReadsAsTheSameNotification() {
        UploadSpec spec = spec(Set.of("png"));
        assertThat(upload(store().signUpload(spec), "photo.png", IMAGE)).isTrue();
        RawNotification raw = awaitNotification(spec.assetKey(), Sent.UPLOAD);
        MediaNotification first = store().readNotification(raw);
        MediaNotification again = store().readNotification(new RawNotification(raw.body().clone(), raw.timestamp(), raw.signature()));
        assertThat(again).isEqualTo(first);
        assertThat(again.id()).isNotBlank();
    }

    @Test
    void notificationsWithoutTheStoresSignatureAreRefused() {
        UploadSpec spec = spec(Set.of("png"));
        assertThat(upload(store().signUpload(spec), "photo.png", IMAGE)).isTrue();
        RawNotification genuine = awaitNotification(spec.assetKey(), Sent.UPLOAD);
        byte[] tampered = genuine.body().clone();
        tampered[tampered.length / 2] ^= 1;
        for (RawNotification forged : List.of(new RawNotification(tampered, genuine.timestamp(), genuine.signature()),
                                              new RawNotification(genuine.body(), genuine.timestamp(), ""),
                                              new RawNotification(genuine.body(), "", genuine.signature()),
                                              new RawNotification(genuine.body(), genuine.timestamp(), "0".repeat(genuine.signature().length())))) {
            assertThatThrownBy(() -> store().readNotification(forged))
                    .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
        }
    }

    @Test
    void aGenuineNotificationFromOutsideTheWindowIsStale() {
        UploadSpec spec = spec(Set.of("png"));
        assertThat(upload(store().signUpload(spec), "photo.png", IMAGE)).isTrue();
        RawNotification genuine = awaitNotification(spec.assetKey(), Sent.UPLOAD);
        MediaNotification read = store().readNotification(genuine);
        for (Duration off : List.of(Duration.ofHours(-1), Duration.ofHours(1))) {
            assertThatThrownBy(() -> store().readNotification(signedAt(genuine.body(), now().plus(off))))
                    .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STALE_REQUEST));
        }
        assertThat(store().readNotification(signedAt(genuine.body(), now()))).as("signed now, the same notification").isEqualTo(read);
    }

    @Test
    void linksServeTheOriginalAndEveryVariantMadeUntilTheyExpire() {
        MediaAsset ready = uploadAndProcess(spec(Set.of("png")));
        Duration lifetime = Duration.ofSeconds(3);
        Instant asked = now();
        MediaLinks links = store().links(ready, lifetime);
        assertThat(links.expiresAt()).isBetween(asked.plus(lifetime).minusSeconds(1), now().plus(lifetime).plusSeconds(1));
        assertThat(links.variants().keySet()).as("the made variants, in the contract's order")
                .containsExactlyElementsOf(ready.madeVariants());
        List<URI> all = new java.util.ArrayList<>(List.of(links.original().url()));
        links.variants().values().forEach(link -> all.add(link.url()));
        for (URI url : all) {
            assertThat(serves(url)).as("within its lifetime: " + url).isTrue();
        }
        passTime(links.expiresAt().plusSeconds(1));
        for (URI url : all) {
            assertThat(serves(url)).as("after its lifetime: " + url).isFalse();
        }
    }

    @Test
    void destroyRemovesTheFileAndIsSafeToRepeat() {
        MediaAsset ready = uploadAndProcess(spec(Set.of("png")));
        URI original = store().links(ready, Duration.ofMinutes(5)).original().url();
        assertThat(serves(original)).isTrue();
        store().destroy(ready.assetKey(), ResourceType.IMAGE);
        assertThat(serves(original)).as("destroyed").isFalse();
        store().destroy(ready.assetKey(), ResourceType.IMAGE);
        store().destroy("chats/" + UUID.randomUUID() + "/never-uploaded", ResourceType.VIDEO);
    }

    @Test
    void itAnswersWhenReachable() {
        assertThat(store().reachable()).isTrue();
    }

    /** A fresh place for an image, allowing {@code formats}. */
    protected UploadSpec spec(Set<String> formats) {
        return new UploadSpec("chats/" + UUID.randomUUID(), UUID.randomUUID().toString(), ResourceType.IMAGE, formats, 1 << 20);
    }

    /** Uploads an image to {@code spec} and applies what the store reports to its asset, as the webhook does. */
    protected MediaAsset uploadAndProcess(UploadSpec spec) {
        assertThat(upload(store().signUpload(spec), "photo.png", IMAGE)).isTrue();
        MediaAsset asset = MediaAsset.uploading(spec.type(), spec.assetKey());
        MediaNotification.Uploaded uploaded = (MediaNotification.Uploaded) store().readNotification(awaitNotification(spec.assetKey(), Sent.UPLOAD));
        asset = apply(asset, new MediaReport.Uploaded(uploaded.facts(), uploaded.processed()));
        if (uploaded.processed().isEmpty()) {
            MediaNotification.Processed processed = (MediaNotification.Processed) store().readNotification(
                    awaitNotification(spec.assetKey(), Sent.PROCESSING));
            assertThat(processed.assetKey()).isEqualTo(spec.assetKey());
            asset = apply(asset, new MediaReport.Processed(processed.made()));
        }
        return asset;
    }

    private static MediaAsset apply(MediaAsset asset, MediaReport report) {
        MediaOutcome outcome = asset.apply(report, MediaLimits.defaults());
        assertThat(outcome).as(report.toString()).isInstanceOf(MediaOutcome.Changed.class);
        return ((MediaOutcome.Changed) outcome).after();
    }
}
