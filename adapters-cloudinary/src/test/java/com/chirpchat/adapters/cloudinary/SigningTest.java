package com.chirpchat.adapters.cloudinary;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.chirpchat.application.media.SignedUpload;
import com.chirpchat.application.media.UploadSpec;
import com.chirpchat.domain.media.ResourceType;
import com.cloudinary.EagerTransformation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Cloudinary's published signature vectors through the adapter's signing path, and the signed upload itself. */
class SigningTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_795_000_000L), ZoneOffset.UTC);

    private static UploadSigner signer(String secret, String algorithm) {
        CloudinarySettings settings = CloudinarySettings.builder().cloudinaryUrl("cloudinary://123456:" + secret + "@demo")
                .signatureAlgorithm(algorithm).notificationUrl(URI.create("https://api.example.com/webhooks/cloudinary/media-processed"))
                .build();
        return new UploadSigner(CloudinaryClient.create(settings), settings.notificationUrl(), CLOCK);
    }

    @Test
    void publishedVectorsSha1AndSha256() {
        Map<String, Object> params = Map.of("eager", "w_400,h_300,c_pad|w_260,h_200,c_crop", "public_id", "sample_image",
                                            "timestamp", "1315060510");
        assertThat(signer("abcd", "SHA1").sign(params)).isEqualTo("bfd09f95f331f558cbd1320e67aa8d488770583e");
        assertThat(signer("abcd", "SHA256").sign(params))
                .isEqualTo("cc927e1290f9e3ae4c1a741eda21a4630b4ce80f9ce0bc0296337d25cf40f91e");
    }

    @Test
    void publishedVectorSignatureVersion2EscapesAmpersandsInValues() {
        Map<String, Object> params = Map.of("cloud_name", "dn6ot3ged", "notification_url", "https://fake.com/callback?a=1&tags=hello,world",
                                            "timestamp", "1568810420");
        assertThat(signer("hdcixPpR2iKERPwqvH6sHdK9cyac", "SHA1").sign(params)).isEqualTo("4fdf465dd89451cc1ed8ec5b3e314e8a51695704");
    }

    @Test
    void signsAnImageUploadWithEveryParameterTheClientMustSend() throws Exception {
        SignedUpload upload = signer("s3cr3t", "SHA1").sign(new UploadSpec("chats/c1", "m1", ResourceType.IMAGE, Set.of("png", "JPG"), 1000));
        assertThat(upload.uploadUrl()).isEqualTo(URI.create("https://api.cloudinary.com/v1_1/demo/image/upload"));
        assertThat(upload.cloudName()).isEqualTo("demo");
        assertThat(upload.apiKey()).isEqualTo("123456");
        assertThat(upload.timestamp()).isEqualTo(1_795_000_000L);
        assertThat(upload.signatureAlgorithm()).isEqualTo("sha1");
        String hook = "https://api.example.com/webhooks/cloudinary/media-processed";
        assertThat(upload.params()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "public_id", "m1", "folder", "chats/c1", "type", "authenticated", "overwrite", "false",
                "eager", "c_fill,g_auto,h_250,w_250/jpg|c_limit,q_auto,w_800/webp", "eager_async", "true",
                "notification_url", hook, "eager_notification_url", hook, "allowed_formats", "jpg,png"));
        // recomputed by hand: sorted key=value pairs joined by &, the secret appended, hex SHA-1
        Map<String, String> all = new TreeMap<>(upload.params());
        all.put("timestamp", Long.toString(upload.timestamp()));
        String toSign = all.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&")) + "s3cr3t";
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(toSign.getBytes(StandardCharsets.UTF_8)));
        assertThat(upload.signature()).isEqualTo(expected);
    }

    /** With token auth the asset is token-only, so the upload response's never-expiring signed URLs open nothing. */
    @Test
    void tokenModeMakesTheAssetTokenOnlyAndSignsThat() throws Exception {
        CloudinarySettings settings = CloudinarySettings.builder().cloudinaryUrl("cloudinary://123456:s3cr3t@demo")
                .tokenKey("a1b2c3d4").build();
        SignedUpload upload = new UploadSigner(CloudinaryClient.create(settings), Optional.empty(), CLOCK)
                .sign(new UploadSpec("chats/c1", "m1", ResourceType.IMAGE, Set.of("png"), 1000));
        assertThat(upload.params()).containsEntry("access_control", "[{\"access_type\":\"token\"}]");
        Map<String, String> all = new TreeMap<>(upload.params());
        all.put("timestamp", Long.toString(upload.timestamp()));
        String toSign = all.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&")) + "s3cr3t";
        assertThat(upload.signature()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(toSign.getBytes(StandardCharsets.UTF_8))));
        assertThat(signer("s3cr3t", "SHA1").sign(new UploadSpec("chats/c1", "m1", ResourceType.IMAGE, Set.of("png"), 1000))
                .params()).as("without token auth Cloudinary could not deliver a token-only asset").doesNotContainKey("access_control");
    }

    /** Issue 14.7: the declared name is signed, so the store keeps it (and checks a document's format by it). */
    @Test
    void theDeclaredFileNameIsSignedAsTheFilenameOverride() {
        SignedUpload upload = signer("s3cr3t", "SHA1").sign(new UploadSpec("chats/c1", "d1", ResourceType.RAW, Set.of("pdf"), 1000,
                                                                          Optional.of("Quarterly Report.pdf")));
        assertThat(upload.params()).containsEntry("filename_override", "Quarterly Report.pdf");
        assertThat(signer("s3cr3t", "SHA1").sign(new UploadSpec("chats/c1", "d1", ResourceType.RAW, Set.of("pdf"), 1000)).params())
                .doesNotContainKey("filename_override");
    }

    @Test
    void audioIsAVideoResourceAndRawHasNoEagerParameters() {
        UploadSigner signer = signer("s3cr3t", "SHA256");
        SignedUpload audio = signer.sign(new UploadSpec("chats/c1", "a1", ResourceType.AUDIO, Set.of("mp3"), 1000));
        assertThat(audio.uploadUrl().getPath()).isEqualTo("/v1_1/demo/video/upload");
        assertThat(audio.params()).containsEntry("eager", "mp3|fl_waveform/png");
        assertThat(audio.signatureAlgorithm()).isEqualTo("sha256");
        assertThat(audio.signature()).hasSize(64);
        SignedUpload video = signer.sign(new UploadSpec("chats/c1", "v1", ResourceType.VIDEO, Set.of("mp4"), 1000));
        assertThat(video.params()).containsEntry("eager",
                "q_auto,vc_h264/mp4|sp_auto/m3u8|sp_full_hd/mpd|so_0/jpg|c_scale,du_3,fps_10,so_0,w_320/gif");
        SignedUpload raw = signer.sign(new UploadSpec("chats/c1", "r1", ResourceType.RAW, Set.of("pdf"), 1000));
        assertThat(raw.uploadUrl().getPath()).isEqualTo("/v1_1/demo/raw/upload");
        assertThat(raw.params()).doesNotContainKeys("eager", "eager_async", "eager_notification_url")
                .containsEntry("notification_url", "https://api.example.com/webhooks/cloudinary/media-processed");
    }

    @Test
    void uploadUrlFollowsTheUploadPrefix() {
        CloudinarySettings settings = CloudinarySettings.builder().cloudinaryUrl("cloudinary://k:s@chirpchat")
                .sdkOption("upload_prefix", "http://127.0.0.1:8081").build();
        SignedUpload upload = CloudinaryMediaStore.create(settings, CLOCK)
                .signUpload(new UploadSpec("chats/c1", "m1", ResourceType.VIDEO, Set.of(), 1));
        assertThat(upload.uploadUrl()).isEqualTo(URI.create("http://127.0.0.1:8081/v1_1/chirpchat/video/upload"));
        assertThat(upload.params()).doesNotContainKeys("allowed_formats", "notification_url", "eager_notification_url");
    }

    /** The eager strings are what the SDK's own EagerTransformation builds (up to number spelling, e.g. so_0.0). */
    @Test
    void eagerStringsMatchWhatTheSdkBuilds() {
        Map<String, EagerTransformation> sdk = new LinkedHashMap<>();
        sdk.put("thumbnail_250", new EagerTransformation().width(250).height(250).crop("fill").gravity("auto").format("jpg"));
        sdk.put("preview_800", new EagerTransformation().crop("limit").quality("auto").width(800).format("webp"));
        sdk.put("mp4", new EagerTransformation().quality("auto").videoCodec("h264").format("mp4"));
        sdk.put("hls", new EagerTransformation().streamingProfile("auto").format("m3u8"));
        sdk.put("dash", new EagerTransformation().streamingProfile("full_hd").format("mpd"));
        sdk.put("poster", new EagerTransformation().startOffset(0).format("jpg"));
        sdk.put("animated_preview", new EagerTransformation().crop("scale").width(320).duration(3).fps(10).startOffset(0).format("gif"));
        sdk.put("mp3", new EagerTransformation().format("mp3"));
        sdk.put("waveform", new EagerTransformation().rawTransformation("fl_waveform").format("png"));
        sdk.forEach((name, eager) -> {
            String built = eager.generate();
            assertThat(Variants.byTransformation(built)).as(built).hasValueSatisfying(v -> assertThat(v.name()).isEqualTo(name));
        });
        assertThat(new EagerTransformation().format("mp3").generate()).isEqualTo("mp3");
        assertThat(Variants.normalise("/mp3")).isEqualTo(Variants.normalise("mp3"));
        assertThat(Variants.normalise("w_250,h_250,g_auto,c_fill/JPG")).isEqualTo(Variants.normalise("c_fill,g_auto,h_250,w_250/jpg"));
    }
}
