package com.chirpchat.adapters.cloudinary;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.chirpchat.application.media.MediaLinks;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.MediaVariants;
import com.chirpchat.domain.media.ResourceType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shape of the expiring URLs in both delivery modes (that they work is shown against the emulator). */
class LinksTest {
    private static final long NOW = 1_795_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW, 700_000_000), ZoneOffset.UTC);
    private static final String TOKEN_KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    private static CloudinarySettings.Builder emulatorLike() {
        return CloudinarySettings.builder().cloudinaryUrl("cloudinary://483920174839201:s3cr3t@chirpchat")
                .sdkOption("upload_prefix", "http://127.0.0.1:9190").sdkOption("secure", false)
                .sdkOption("cname", "127.0.0.1:9190").sdkOption("analytics", false);
    }

    static MediaAsset ready(ResourceType type, String key, String format, int width, int height) {
        MediaFacts facts = new MediaFacts(Optional.ofNullable(format), OptionalLong.of(1234),
                                          width > 0 ? OptionalInt.of(width) : OptionalInt.empty(),
                                          height > 0 ? OptionalInt.of(height) : OptionalInt.empty(), OptionalDouble.empty());
        return MediaAsset.uploading(type, key).uploaded(facts).processed(MediaVariants.expected(type));
    }

    @Test
    void tokenModeScopesEachUrlToExactlyItsOwnFile() throws Exception {
        CloudinaryMediaStore store = CloudinaryMediaStore.create(emulatorLike().tokenKey(TOKEN_KEY).build(), CLOCK);
        assertThat(store.deliveryMode()).isEqualTo("token");
        MediaLinks links = store.links(ready(ResourceType.IMAGE, "chats/c1/m1", "png", 640, 480), Duration.ofMinutes(5));

        assertThat(links.expiresAt()).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(5)));
        assertThat(links.variants().keySet()).containsExactly("thumbnail_250", "preview_800");
        MediaLinks.Link original = links.original();
        assertThat(original.url().toString()).startsWith("http://127.0.0.1:9190/chirpchat/image/authenticated/v1/chats/c1/m1.png?__cld_token__=");
        assertThat(original.format()).contains("png");
        assertThat(original.bytes()).hasValue(1234);
        assertThat(original.width()).hasValue(640);
        MediaLinks.Link thumbnail = links.variants().get("thumbnail_250");
        assertThat(thumbnail.url().getRawPath()).isEqualTo("/chirpchat/image/authenticated/c_fill,g_auto,h_250,w_250/v1/chats/c1/m1.jpg");
        assertThat(thumbnail.format()).contains("jpg");
        assertThat(thumbnail.width()).hasValue(250);
        assertThat(thumbnail.height()).hasValue(250);
        assertThat(links.variants().get("preview_800").format()).contains("webp");

        Map<String, String> token = token(original.url());
        assertThat(token).containsEntry("st", Long.toString(NOW)).containsEntry("exp", Long.toString(NOW + 300));
        assertThat(URLDecoder.decode(token.get("acl"), StandardCharsets.UTF_8)).isEqualTo("/chirpchat/image/authenticated/v1/chats/c1/m1.png");
        String signed = "st=" + token.get("st") + "~exp=" + token.get("exp") + "~acl=" + token.get("acl");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HexFormat.of().parseHex(TOKEN_KEY), "HmacSHA256"));
        assertThat(token.get("hmac")).isEqualTo(HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8))));
        // one token per file, its ACL that file's path and nothing else
        for (MediaLinks.Link link : links.variants().values()) {
            assertThat(URLDecoder.decode(token(link.url()).get("acl"), StandardCharsets.UTF_8)).isEqualTo(link.url().getRawPath());
        }
    }

    @Test
    void tokenModeAclFollowsThePathsOfAPrivateCdn() {
        CloudinaryMediaStore store = CloudinaryMediaStore.create(CloudinarySettings.builder()
                .cloudinaryUrl("cloudinary://k:s@acme").sdkOption("private_cdn", true).tokenKey(TOKEN_KEY).build(), CLOCK);
        MediaLinks links = store.links(ready(ResourceType.VIDEO, "chats/c9/m9", "mp4", 320, 240), Duration.ofSeconds(90));
        assertThat(links.original().url().toString()).startsWith("https://acme-res.cloudinary.com/video/authenticated/v1/chats/c9/m9.mp4?__cld_token__=");
        assertThat(links.variants().keySet()).containsExactly("mp4", "hls", "dash", "poster", "animated_preview");
        assertThat(links.variants().get("hls").url().getRawPath()).isEqualTo("/video/authenticated/sp_auto/v1/chats/c9/m9.m3u8");
        assertThat(links.variants().get("dash").url().getRawPath()).isEqualTo("/video/authenticated/sp_full_hd/v1/chats/c9/m9.mpd");
        assertThat(URLDecoder.decode(token(links.original().url()).get("acl"), StandardCharsets.UTF_8))
                .isEqualTo("/video/authenticated/v1/chats/c9/m9.mp4");
        assertThat(URLDecoder.decode(token(links.variants().get("hls").url()).get("acl"), StandardCharsets.UTF_8))
                .as("a manifest's token covers the parts below it").isEqualTo("/video/authenticated/sp_auto/v1/chats/c9/m9.m3u8!"
                        + "/video/authenticated/sp_auto/v1/chats/c9/m9.m3u8/*");
    }

    @Test
    void downloadModeSignsSingleFilesWithAnExpiryAndLeavesOutStreams() {
        CloudinaryMediaStore store = CloudinaryMediaStore.create(emulatorLike().build(), CLOCK);
        assertThat(store.deliveryMode()).isEqualTo("download-api");
        MediaLinks links = store.links(ready(ResourceType.VIDEO, "chats/c1/v1", "mp4", 320, 240), Duration.ofSeconds(90));
        assertThat(links.variants().keySet()).containsExactly("mp4", "poster", "animated_preview");
        URI mp4 = links.variants().get("mp4").url();
        assertThat(mp4.getPath()).isEqualTo("/v1_1/chirpchat/video/download");
        Map<String, String> query = query(mp4);
        assertThat(query).containsEntry("public_id", "chats/c1/v1").containsEntry("format", "mp4").containsEntry("type", "authenticated")
                .containsEntry("transformation", "q_auto,vc_h264").containsEntry("expires_at", Long.toString(NOW + 90))
                .containsEntry("timestamp", Long.toString(NOW)).containsEntry("api_key", "483920174839201");
        Map<String, Object> toSign = new TreeMap<>(query);
        toSign.remove("signature");
        toSign.remove("api_key");
        CloudinarySettings settings = emulatorLike().build();
        UploadSigner signer = new UploadSigner(CloudinaryClient.create(settings), Optional.empty(), CLOCK);
        assertThat(query.get("signature")).isEqualTo(signer.sign(toSign));
        assertThat(query(links.original().url())).doesNotContainKey("transformation").containsEntry("format", "mp4");
    }

    @Test
    void rawFilesHaveOnlyTheOriginalWithoutAnExtension() {
        MediaAsset doc = MediaAsset.uploading(ResourceType.RAW, "chats/c1/d1").uploaded(
                new MediaFacts(Optional.empty(), OptionalLong.of(10), OptionalInt.empty(), OptionalInt.empty(), OptionalDouble.empty()));
        MediaLinks token = CloudinaryMediaStore.create(emulatorLike().tokenKey(TOKEN_KEY).build(), CLOCK).links(doc, Duration.ofMinutes(1));
        assertThat(token.variants()).isEmpty();
        assertThat(token.original().url().getRawPath()).isEqualTo("/chirpchat/raw/authenticated/v1/chats/c1/d1");
        MediaLinks download = CloudinaryMediaStore.create(emulatorLike().build(), CLOCK).links(doc, Duration.ofMinutes(1));
        assertThat(query(download.original().url())).doesNotContainKey("format").containsEntry("public_id", "chats/c1/d1");
    }

    @Test
    void aUrlNeverOutlivesItsLifetime() {
        // now is NOW.7 s: a 500 ms lifetime ends at NOW+1.2 s, so the URL's expiry is the whole second NOW+1
        MediaLinks links = CloudinaryMediaStore.create(emulatorLike().tokenKey(TOKEN_KEY).build(), CLOCK)
                .links(ready(ResourceType.AUDIO, "chats/c1/a1", "mp3", 0, 0), Duration.ofMillis(500));
        assertThat(token(links.original().url())).containsEntry("exp", Long.toString(NOW + 1));
        assertThat(links.variants().keySet()).containsExactly("mp3", "waveform");
        assertThat(links.variants().get("mp3").url().getRawPath()).isEqualTo("/chirpchat/video/authenticated/v1/chats/c1/a1.mp3");
        assertThat(links.original().width()).isEmpty();
    }

    private static Map<String, String> token(URI url) {
        String query = url.getRawQuery();
        assertThat(query).startsWith("__cld_token__=");
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : query.substring("__cld_token__=".length()).split("~")) {
            int eq = part.indexOf('=');
            fields.put(part.substring(0, eq), part.substring(eq + 1));
        }
        assertThat(List.copyOf(fields.keySet())).containsExactly("st", "exp", "acl", "hmac");
        return fields;
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
