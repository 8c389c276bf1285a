package com.chirpchat.adapters.cloudinary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.fakes.MutableClock;
import com.chirpchat.application.media.MediaNotification;
import com.chirpchat.application.media.RawNotification;
import com.chirpchat.domain.media.MediaFacts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verification of X-Cld-Signature/X-Cld-Timestamp and the reading of upload and eager notifications. */
class NotificationTest {
    private static final String SECRET = "someApiSecret";
    private static final long NOW = 1_795_477_762L;

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));

    private CloudinaryMediaStore store(String algorithm) {
        return CloudinaryMediaStore.create(CloudinarySettings.builder().cloudinaryUrl("cloudinary://614335564976464:" + SECRET + "@chirpchat")
                .signatureAlgorithm(algorithm).notificationWindow(Duration.ofMinutes(5)).build(), clock);
    }

    private static String sign(String algorithm, byte[] body, String timestamp, String secret) throws Exception {
        MessageDigest digest = MessageDigest.getInstance(algorithm);
        digest.update(body);
        digest.update((timestamp + secret).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static RawNotification signed(String body, long timestamp) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new RawNotification(bytes, Long.toString(timestamp), sign("SHA-1", bytes, Long.toString(timestamp), SECRET));
    }

    private static void refused(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void publishedNotificationVectorIsAccepted() {
        clock.advance(Duration.ofSeconds(-NOW)); // the vector's timestamp is 0
        RawNotification vector = new RawNotification("{}".getBytes(StandardCharsets.UTF_8), "0", "f9aa4471d2a88ff244424cca2444edf7d7ac3596");
        assertThat(store("SHA1").readNotification(vector)).isInstanceOf(MediaNotification.Irrelevant.class);
        RawNotification upperCase = new RawNotification(vector.body(), "0", vector.signature().toUpperCase(Locale.ROOT));
        assertThat(store("SHA1").readNotification(upperCase)).isInstanceOf(MediaNotification.Irrelevant.class);
    }

    @Test
    void forgedMissingAndGarbledSignaturesAreRefused() throws Exception {
        CloudinaryMediaStore store = store("SHA1");
        RawNotification good = signed(UPLOAD, NOW);
        assertThat(store.readNotification(good)).isInstanceOf(MediaNotification.Uploaded.class);
        String sig = good.signature();
        String flipped = (sig.charAt(0) == 'a' ? "b" : "a") + sig.substring(1);
        refused(() -> store.readNotification(new RawNotification(good.body(), good.timestamp(), flipped)), ErrorCode.INVALID_SIGNATURE);
        refused(() -> store.readNotification(new RawNotification(good.body(), good.timestamp(), "")), ErrorCode.INVALID_SIGNATURE);
        refused(() -> store.readNotification(new RawNotification(good.body(), good.timestamp(), "not-hex!")), ErrorCode.INVALID_SIGNATURE);
        refused(() -> store.readNotification(new RawNotification(good.body(), good.timestamp(), sig + "00")), ErrorCode.INVALID_SIGNATURE);
        // the same signature over another body, another timestamp, or with another secret
        byte[] tampered = UPLOAD.replace("\"bytes\":31973", "\"bytes\":1").getBytes(StandardCharsets.UTF_8);
        refused(() -> store.readNotification(new RawNotification(tampered, good.timestamp(), sig)), ErrorCode.INVALID_SIGNATURE);
        refused(() -> store.readNotification(new RawNotification(good.body(), Long.toString(NOW + 1), sig)), ErrorCode.INVALID_SIGNATURE);
        String otherSecret = sign("SHA-1", good.body(), good.timestamp(), "other");
        refused(() -> store.readNotification(new RawNotification(good.body(), good.timestamp(), otherSecret)), ErrorCode.INVALID_SIGNATURE);
        // a timestamp that is not a number of seconds is as bad as a wrong signature
        for (String timestamp : List.of("", "abc", "1.5", "-5", " 17")) {
            String s = sign("SHA-1", good.body(), timestamp, SECRET);
            refused(() -> store.readNotification(new RawNotification(good.body(), timestamp, s)), ErrorCode.INVALID_SIGNATURE);
        }
        // a SHA-256 digest where SHA-1 is configured
        String sha256 = sign("SHA-256", good.body(), good.timestamp(), SECRET);
        refused(() -> store.readNotification(new RawNotification(good.body(), good.timestamp(), sha256)), ErrorCode.INVALID_SIGNATURE);
    }

    @Test
    void timestampsOutsideTheWindowAreStaleInThePastAndTheFuture() throws Exception {
        CloudinaryMediaStore store = store("SHA1");
        assertThat(store.readNotification(signed(UPLOAD, NOW - 300))).isNotNull();
        assertThat(store.readNotification(signed(UPLOAD, NOW + 300))).isNotNull();
        refused(() -> store.readNotification(signedQuietly(UPLOAD, NOW - 301)), ErrorCode.STALE_REQUEST);
        refused(() -> store.readNotification(signedQuietly(UPLOAD, NOW + 301)), ErrorCode.STALE_REQUEST);
        // a forged stale request is told its signature is wrong, nothing about the window
        RawNotification stale = signed(UPLOAD, NOW - 3600);
        refused(() -> store.readNotification(new RawNotification(stale.body(), stale.timestamp(), "0".repeat(40))), ErrorCode.INVALID_SIGNATURE);
    }

    @Test
    void sha256NotificationsWhenConfigured() throws Exception {
        byte[] body = UPLOAD.getBytes(StandardCharsets.UTF_8);
        String sig = sign("SHA-256", body, Long.toString(NOW), SECRET);
        assertThat(store("SHA256").readNotification(new RawNotification(body, Long.toString(NOW), sig)))
                .isInstanceOf(MediaNotification.Uploaded.class);
        RawNotification sha1 = signed(UPLOAD, NOW);
        refused(() -> store("SHA256").readNotification(sha1), ErrorCode.INVALID_SIGNATURE);
    }

    @Test
    void uploadWithEagerItemsStillProcessingIsUploadedWithoutVariants() throws Exception {
        RawNotification raw = signed(UPLOAD, NOW);
        MediaNotification read = store("SHA1").readNotification(raw);
        assertThat(read).isEqualTo(new MediaNotification.Uploaded(sha256(raw.body()), "chats/c1/m1",
                new MediaFacts(Optional.of("mp4"), java.util.OptionalLong.of(31973), java.util.OptionalInt.of(320),
                               java.util.OptionalInt.of(240), java.util.OptionalDouble.of(2.0)), Optional.empty(),
                Optional.of(com.chirpchat.domain.media.ResourceType.VIDEO), java.util.Map.of()));
        // a repeated delivery: same bytes, fresh timestamp and signature, same identity
        clock.advance(Duration.ofSeconds(30));
        assertThat(store("SHA1").readNotification(signed(UPLOAD, NOW + 30)).id()).isEqualTo(read.id());
    }

    @Test
    void eagerNotificationNamesTheVariantsMadeAndLeavesOutFailedAndUnknownItems() throws Exception {
        MediaNotification read = store("SHA1").readNotification(signed(EAGER, NOW));
        assertThat(read).isInstanceOfSatisfying(MediaNotification.Processed.class, p -> {
            assertThat(p.assetKey()).isEqualTo("chats/c1/m1");
            assertThat(p.made()).containsExactly("mp4", "hls", "poster", "animated_preview");
            assertThat(p.measured().keySet()).containsExactlyInAnyOrderElementsOf(p.made());
            assertThat(p.measured().get("mp4")).isEqualTo(new MediaFacts(Optional.of("mp4"), java.util.OptionalLong.of(43923),
                    java.util.OptionalInt.of(320), java.util.OptionalInt.of(240), java.util.OptionalDouble.of(2.021)));
        });
    }

    @Test
    void eagerItemsCarryWhatWasMeasuredOfEachVariant() throws Exception {
        List<EagerItem> items = EagerItems.read(new com.fasterxml.jackson.databind.ObjectMapper().readTree(EAGER).path("eager"),
                "chats/c1/m1");
        assertThat(items).extracting(EagerItem::variant).containsExactly("mp4", "hls", "dash", "poster", "animated_preview");
        EagerItem mp4 = items.get(0);
        assertThat(mp4.made()).isTrue();
        assertThat(mp4.width()).hasValue(320);
        assertThat(mp4.height()).hasValue(240);
        assertThat(mp4.duration()).hasValue(2.021);
        assertThat(mp4.bytes()).hasValue(43923);
        assertThat(mp4.format()).contains("mp4");
        assertThat(items.get(1).duration()).hasValue(2.0);
        EagerItem dash = items.get(2);
        assertThat(dash.made()).isFalse();
        assertThat(dash.reason()).contains("ffmpeg failed (exit 1): boom");
        assertThat(dash.width()).isEmpty();
        assertThat(items.get(3).duration()).as("a poster is not timed").isEmpty();
        assertThat(items.get(3).width()).hasValue(320);
        String asText = "{\"eager\":[{\"transformation\":\"mp3\",\"bytes\":\"16718\",\"duration\":\"2.04\",\"width\":-1}]}";
        EagerItem mp3 = EagerItems.read(new com.fasterxml.jackson.databind.ObjectMapper().readTree(asText).path("eager"), "x").get(0);
        assertThat(mp3.bytes()).as("numbers sent as strings").hasValue(16718);
        assertThat(mp3.duration()).hasValue(2.04);
        assertThat(mp3.width()).as("negative is unreadable").isEmpty();
    }

    @Test
    void uploadWithEverythingSettledCarriesTheVariants() throws Exception {
        MediaNotification read = store("SHA1").readNotification(signed(AUDIO_SETTLED, NOW));
        assertThat(read).isInstanceOfSatisfying(MediaNotification.Uploaded.class, u -> {
            assertThat(u.assetKey()).isEqualTo("chats/c1/a1");
            assertThat(u.facts().format()).contains("mp3");
            assertThat(u.facts().width()).isEmpty();
            assertThat(u.facts().durationSeconds()).hasValue(2.04);
            assertThat(u.processed()).contains(List.of("mp3"));
        });
    }

    @Test
    void rawUploadHasFactsAndNoProcessing() throws Exception {
        String raw = "{\"notification_type\":\"upload\",\"public_id\":\"chats/c1/doc\",\"resource_type\":\"raw\",\"bytes\":120,"
                + "\"type\":\"authenticated\"}";
        assertThat(store("SHA1").readNotification(signed(raw, NOW))).isInstanceOfSatisfying(MediaNotification.Uploaded.class, u -> {
            assertThat(u.facts().bytes()).hasValue(120);
            assertThat(u.facts().format()).isEmpty();
            assertThat(u.processed()).isEmpty();
        });
    }

    @Test
    void otherNotificationsAreIrrelevantAndUnreadableOnesInvalid() throws Exception {
        CloudinaryMediaStore store = store("SHA1");
        assertThat(store.readNotification(signed("{\"notification_type\":\"moderation\",\"public_id\":\"chats/c1/m1\"}", NOW)))
                .isInstanceOfSatisfying(MediaNotification.Irrelevant.class, i -> assertThat(i.why()).contains("moderation"));
        assertThat(store.readNotification(signed("{\"notification_type\":\"eager\",\"eager\":[]}", NOW)))
                .isInstanceOf(MediaNotification.Irrelevant.class);
        assertThat(store.readNotification(signed("{\"notification_type\":\"upload\",\"public_id\":\"\"}", NOW)))
                .isInstanceOf(MediaNotification.Irrelevant.class);
        refused(() -> store.readNotification(signedQuietly("{\"notification_type\":", NOW)), ErrorCode.VALIDATION_FAILED);
        refused(() -> store.readNotification(signedQuietly("[1,2]", NOW)), ErrorCode.VALIDATION_FAILED);
        refused(() -> store.readNotification(signedQuietly("", NOW)), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void eagerItemsWeNeverRequestedSayNothingAboutOurProcessing() throws Exception {
        CloudinaryMediaStore store = store("SHA1");
        String eager = "{\"notification_type\":\"eager\",\"public_id\":\"chats/c1/m1\",\"eager\":[{\"transformation\":\"e_sepia/jpg\"}]}";
        assertThat(store.readNotification(signed(eager, NOW))).isInstanceOf(MediaNotification.Irrelevant.class);
        String upload = "{\"notification_type\":\"upload\",\"public_id\":\"chats/c1/m1\",\"eager\":[{\"transformation\":\"e_sepia/jpg\"}]}";
        assertThat(store.readNotification(signed(upload, NOW))).isInstanceOfSatisfying(MediaNotification.Uploaded.class,
                u -> assertThat(u.processed()).isEmpty());
        // but when every one of ours failed, processing did settle: with nothing made
        String failed = "{\"notification_type\":\"eager\",\"public_id\":\"chats/c1/m1\",\"eager\":["
                + "{\"transformation\":\"c_fill,g_auto,h_250,w_250/jpg\",\"status\":\"failed\",\"reason\":\"x\"},"
                + "{\"transformation\":\"c_limit,q_auto,w_800/webp\",\"status\":\"failed\",\"reason\":\"x\"}]}";
        assertThat(store.readNotification(signed(failed, NOW))).isInstanceOfSatisfying(MediaNotification.Processed.class,
                p -> assertThat(p.made()).isEmpty());
    }

    private static RawNotification signedQuietly(String body, long timestamp) {
        try {
            return signed(body, timestamp);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }

    /** Shaped exactly like the emulator README's upload notification (eager_async: items still processing). */
    static final String UPLOAD = """
            {"notification_type":"upload","timestamp":"2026-11-23T23:49:21+00:00","request_id":"36d76a29160cdd294a5ac66c43a16c38",
             "asset_id":"5a26b880c95dd38cbe72826da32f7e05","public_id":"chats/c1/m1","version":1795477761,
             "version_id":"8c9668ae5a58f8f573239b1564f40b7b","signature":"978f7c5bd0ea8e25f4a539ed80fb812f801fdef6",
             "width":320,"height":240,"format":"mp4","resource_type":"video","created_at":"2026-11-23T23:49:21Z","tags":[],
             "bytes":31973,"type":"authenticated","etag":"6b1bc4f225a246d6df2444ee7f408dc7","placeholder":false,
             "url":"http://127.0.0.1:37571/chirpchat/video/authenticated/s--AKvSguhE--/v1795477761/chats/c1/m1.mp4",
             "secure_url":"http://127.0.0.1:37571/chirpchat/video/authenticated/s--AKvSguhE--/v1795477761/chats/c1/m1.mp4",
             "asset_folder":"","display_name":"m1","frame_rate":25.0,
             "video":{"pix_format":"yuv420p","codec":"h264","level":13,"profile":"High","bit_rate":"45076","time_base":"1/12800"},
             "bit_rate":127892,"audio":{"codec":"aac","bit_rate":"69671","frequency":44100,"channels":1,"channel_layout":"mono"},
             "nb_frames":50,"is_audio":false,"duration":2.0,
             "playback_url":"http://127.0.0.1:37571/chirpchat/video/authenticated/s--pGVGppQp--/sp_auto/v1795477761/chats/c1/m1.m3u8",
             "original_filename":"v","api_key":"614335564976464",
             "eager":[{"transformation":"q_auto,vc_h264/mp4","status":"processing","batch_id":"a2dee81f90904880fd00b03ee36f4acb",
                       "url":"http://127.0.0.1:37571/chirpchat/video/authenticated/s--TYMMTC2n--/q_auto,vc_h264/v1795477761/chats/c1/m1.mp4",
                       "secure_url":"..."}],
             "notification_context":{"triggered_at":"2026-11-23T23:49:21.666932740Z","triggered_by":{"id":"614335564976464","source":"api"}},
             "signature_key":"614335564976464"}
            """;

    /** The README's eager notification, with a failed item (DASH) and one we never requested. */
    static final String EAGER = """
            {"notification_type":"eager","timestamp":"2026-11-23T23:49:22+00:00","request_id":"36d76a29160cdd294a5ac66c43a16c38",
             "eager":[
               {"transformation":"q_auto,vc_h264/mp4","width":320,"height":240,"bytes":43923,"format":"mp4","duration":2.021,
                "url":"http://127.0.0.1:37571/chirpchat/video/authenticated/s--TYMMTC2n--/q_auto,vc_h264/v1795477761/chats/c1/m1.mp4",
                "secure_url":"..."},
               {"transformation":"sp_auto/m3u8","width":320,"height":240,"bytes":125,"format":"m3u8","duration":2.0,"url":"...","secure_url":"..."},
               {"transformation":"sp_full_hd/mpd","status":"failed","reason":"ffmpeg failed (exit 1): boom"},
               {"transformation":"so_0/jpg","width":320,"height":240,"bytes":5763,"format":"jpg","url":"...","secure_url":"..."},
               {"transformation":"c_scale,du_3,fps_10,so_0,w_320/gif","width":320,"height":240,"bytes":9000,"format":"gif","url":"...","secure_url":"..."},
               {"transformation":"e_sepia/jpg","width":320,"height":240,"bytes":5763,"format":"jpg","url":"...","secure_url":"..."}],
             "batch_id":"a2dee81f90904880fd00b03ee36f4acb","asset_id":"5a26b880c95dd38cbe72826da32f7e05","public_id":"chats/c1/m1",
             "version":1795477761,"resource_type":"video","type":"authenticated","format":"mp4",
             "notification_context":{"triggered_at":"2026-11-23T23:49:22.061898357Z","triggered_by":{"id":"614335564976464","source":"api"}},
             "signature_key":"614335564976464"}
            """;

    /** An audio upload whose eager items were settled with the upload: one made ("/mp3"), one failed. */
    static final String AUDIO_SETTLED = """
            {"notification_type":"upload","public_id":"chats/c1/a1","version":1795477761,"format":"mp3","resource_type":"video",
             "bytes":16718,"type":"authenticated","is_audio":true,"duration":2.04,
             "audio":{"codec":"mp3","bit_rate":"64000","frequency":44100,"channels":1,"channel_layout":"mono"},
             "eager":[{"transformation":"/mp3","bytes":16718,"format":"mp3","duration":2.04,"url":"...","secure_url":"..."},
                      {"transformation":"fl_waveform/png","status":"failed","reason":"Emulated processing failure (fault switch)"}]}
            """;
}
