package com.chirpchat.adapters.cloudinary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.chirpchat.application.media.MediaLinks;
import com.chirpchat.application.media.MediaNotification;
import com.chirpchat.application.media.SignedUpload;
import com.chirpchat.application.media.UploadSpec;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.emulator.MediaEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole life of a media file against the real local Cloudinary-compatible service: sign with the adapter,
 * upload as a browser does, read the upload and eager notifications it sends, download every link in both
 * delivery modes (HLS/DASH parts included) until the lifetime passes and not after, destroy.
 */
class MediaFlowIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Long enough for every download however busy the machine: expiry is reached by moving the emulator's clock. */
    private static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final ShiftedClock CLOCK = new ShiftedClock();

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Receiver receiver;
    static CloudinaryMediaStore token;
    static CloudinaryMediaStore download;

    @BeforeAll
    static void start() throws IOException {
        emulator = Emulated.start(dir.resolve("media"), CLOCK);
        receiver = new Receiver();
        token = Emulated.tokenStore(emulator, receiver.url(), b -> b);
        download = Emulated.downloadStore(emulator, receiver.url(), b -> b);
        assertThat(token.deliveryMode()).isEqualTo("token");
        assertThat(download.deliveryMode()).isEqualTo("download-api");
        assertThat(token.reachable()).isTrue();
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
    void image() throws Exception {
        String folder = Emulated.folder();
        byte[] png = Emulated.png(640, 480);
        receiver.failNext(1); // the first delivery is refused: the emulator must deliver the same bytes again
        MediaAsset asset = uploadAndProcess(ResourceType.IMAGE, folder, "m1", "photo.png", png, List.of("thumbnail_250", "preview_800"));
        assertThat(asset.measured().width()).hasValue(640);
        assertThat(asset.measured().format()).contains("png");
        List<Receiver.Delivery> deliveries = receiver.all(asset.assetKey(), "upload");
        assertThat(deliveries).hasSizeGreaterThanOrEqualTo(2).first().extracting(Receiver.Delivery::answered).isEqualTo(500);
        assertThat(deliveries).extracting(d -> token.readNotification(d.raw()).id()).containsOnly(
                token.readNotification(deliveries.get(0).raw()).id());

        MediaLinks byToken = token.links(asset, LIFETIME);
        MediaLinks byDownload = download.links(asset, LIFETIME);
        for (MediaLinks links : List.of(byToken, byDownload)) {
            assertThat(Emulated.get(links.original().url()).body()).isEqualTo(png);
            assertThat(links.variants().keySet()).containsExactly("thumbnail_250", "preview_800");
            HttpResponse<byte[]> thumbnail = Emulated.get(links.variants().get("thumbnail_250").url());
            assertThat(thumbnail.statusCode()).isEqualTo(200);
            var image = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
            assertThat(image.getWidth()).isEqualTo(250);
            assertThat(image.getHeight()).isEqualTo(250);
            HttpResponse<byte[]> preview = Emulated.get(links.variants().get("preview_800").url());
            assertThat(preview.statusCode()).isEqualTo(200);
            assertThat(new String(preview.body(), 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
        }

        // the token covers this asset only, not one whose id starts the same way
        SignedUpload other = token.signUpload(new UploadSpec(folder, "m10", ResourceType.IMAGE, Set.of("png"), 1 << 20));
        assertThat(Emulated.upload(other, "other.png", Emulated.png(40, 30)).statusCode()).isEqualTo(200);
        URI borrowed = URI.create(byToken.original().url().toString().replace("/m1.png?", "/m10.png?"));
        assertThat(Emulated.status(borrowed)).isEqualTo(403);
        MediaAsset otherAsset = MediaAsset.uploading(ResourceType.IMAGE, folder + "/m10")
                .uploaded(token.readNotification(receiver.await(folder + "/m10", "upload", WAIT)) instanceof MediaNotification.Uploaded u
                                  ? u.facts() : null);
        assertThat(Emulated.status(token.links(otherAsset, LIFETIME).original().url())).isEqualTo(200);

        expireAndCheck(byToken, byDownload, List.of());
        destroyAndCheck(asset);
        receiver.await(folder + "/m10", "eager", WAIT); // let its processing finish before the emulator stops
    }

    /**
     * Issue 13.1 and 13.4 as an attacker holding a member's links sees them: each token opens exactly its own file
     * (not another transformation, format or variant of the asset), and the upload response's URLs, signed for
     * ever, open nothing.
     */
    @Test
    void eachLinkOpensOnlyItsOwnFileAndTheUploadResponseOpensNothing() throws Exception {
        String folder = Emulated.folder();
        MediaLimits.Limit limit = MediaLimits.defaults().of(ResourceType.IMAGE);
        SignedUpload signed = token.signUpload(new UploadSpec(folder, "s1", ResourceType.IMAGE, limit.formats(), limit.maxBytes()));
        assertThat(signed.params()).containsEntry("access_control", "[{\"access_type\":\"token\"}]");
        HttpResponse<String> response = Emulated.upload(signed, "photo.png", Emulated.png(900, 600));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher urls = Pattern.compile("\"(?:secure_)?url\":\"([^\"]+)\"").matcher(response.body());
        List<URI> seen = new ArrayList<>();
        while (urls.find()) {
            seen.add(URI.create(urls.group(1)));
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(6); // url, secure_url, and both of each eager item
        String key = folder + "/s1";
        MediaAsset asset = MediaAsset.uploading(ResourceType.IMAGE, key)
                .uploaded(((MediaNotification.Uploaded) token.readNotification(receiver.await(key, "upload", WAIT))).facts())
                .processed(((MediaNotification.Processed) token.readNotification(receiver.await(key, "eager", WAIT))).made());
        for (URI url : seen) {
            assertThat(url.getRawPath()).contains("/s--");
            assertThat(Emulated.status(url)).as("upload response URL " + url).isEqualTo(401);
        }

        MediaLinks links = token.links(asset, LIFETIME);
        URI thumbnail = links.variants().get("thumbnail_250").url();
        URI preview = links.variants().get("preview_800").url();
        URI original = links.original().url();
        for (URI link : List.of(thumbnail, preview, original)) {
            assertThat(Emulated.status(link)).as(link.toString()).isEqualTo(200);
        }
        String base = thumbnail.getScheme() + "://" + thumbnail.getRawAuthority() + "/chirpchat/image/authenticated/";
        for (URI borrowed : List.of(
                URI.create(base + "w_9000,h_9000,c_scale/v1/" + key + ".jpg?" + thumbnail.getRawQuery()),
                URI.create(base + "w_9000,h_9000,c_scale/v1/" + key + ".jpg?" + original.getRawQuery()),
                URI.create(base + "c_fill,g_auto,h_250,w_250/v1/" + key + ".webp?" + thumbnail.getRawQuery()),
                URI.create(preview.toString().replace(preview.getRawQuery(), thumbnail.getRawQuery())),
                URI.create(thumbnail.toString().replace(thumbnail.getRawQuery(), original.getRawQuery())))) {
            assertThat(Emulated.status(borrowed)).as(borrowed.toString()).isEqualTo(403);
        }
        expireAndCheck(links, download.links(asset, LIFETIME), List.of());
        destroyAndCheck(asset);
    }

    @Test
    void video() {
        String folder = Emulated.folder();
        MediaAsset asset = uploadAndProcess(ResourceType.VIDEO, folder, "v1", "clip.mp4", Emulated.video(dir),
                                            List.of("mp4", "hls", "dash", "poster", "animated_preview"));
        assertThat(asset.measured().format()).contains("mp4");
        assertThat(asset.measured().height()).hasValue(240);
        assertThat(asset.measured().durationSeconds().orElseThrow()).isBetween(1.5, 2.5);

        MediaLinks byToken = token.links(asset, LIFETIME);
        MediaLinks byDownload = download.links(asset, LIFETIME);
        assertThat(byToken.variants().keySet()).containsExactly("mp4", "hls", "dash", "poster", "animated_preview");
        assertThat(byDownload.variants().keySet()).containsExactly("mp4", "poster", "animated_preview");
        List<URI> parts = new ArrayList<>();
        for (String stream : List.of("hls", "dash")) {
            URI manifest = byToken.variants().get(stream).url();
            List<URI> found = stream.equals("hls") ? followHls(manifest) : followDash(manifest);
            assertThat(found).hasSizeGreaterThanOrEqualTo(2).allSatisfy(p -> assertThat(p.getRawQuery())
                    .as("the manifest's own token covers the part " + p).isEqualTo(manifest.getRawQuery()));
            parts.addAll(found);
        }
        URI hlsPart = parts.get(1);
        URI withMp4Token = URI.create(hlsPart.toString().replace(hlsPart.getRawQuery(), byToken.variants().get("mp4").url().getRawQuery()));
        assertThat(Emulated.status(withMp4Token)).as("the mp4's token opens no stream part").isEqualTo(403);
        for (MediaLinks links : List.of(byToken, byDownload)) {
            assertThat(Emulated.status(links.original().url())).isEqualTo(200);
            for (String single : List.of("mp4", "poster", "animated_preview")) {
                HttpResponse<byte[]> res = Emulated.get(links.variants().get(single).url());
                assertThat(res.statusCode()).as(single).isEqualTo(200);
                assertThat(res.body()).isNotEmpty();
            }
        }
        expireAndCheck(byToken, byDownload, parts);
        destroyAndCheck(asset);
    }

    @Test
    void audio() {
        MediaAsset asset = uploadAndProcess(ResourceType.AUDIO, Emulated.folder(), "a1", "tone.mp3", Emulated.audio(dir),
                                            List.of("mp3", "waveform"));
        assertThat(asset.measured().format()).contains("mp3");
        assertThat(asset.measured().width()).isEmpty();
        assertThat(asset.measured().durationSeconds()).isPresent();
        MediaLinks byToken = token.links(asset, LIFETIME);
        MediaLinks byDownload = download.links(asset, LIFETIME);
        for (MediaLinks links : List.of(byToken, byDownload)) {
            assertThat(links.variants().keySet()).containsExactly("mp3", "waveform");
            assertThat(Emulated.status(links.original().url())).isEqualTo(200);
            assertThat(Emulated.status(links.variants().get("mp3").url())).isEqualTo(200);
            HttpResponse<byte[]> waveform = Emulated.get(links.variants().get("waveform").url());
            assertThat(waveform.statusCode()).isEqualTo(200);
            assertThat(new String(waveform.body(), 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
        expireAndCheck(byToken, byDownload, List.of());
        destroyAndCheck(asset);
    }

    @Test
    void rawDocumentIsReadyWithTheUploadAlone() {
        String folder = Emulated.folder();
        byte[] text = "hello, chirpchat".getBytes(StandardCharsets.UTF_8);
        SignedUpload signed = token.signUpload(new UploadSpec(folder, "d1", ResourceType.RAW, MediaLimits.defaults().of(ResourceType.RAW).formats(), 1 << 20));
        assertThat(Emulated.upload(signed, "notes.txt", text).statusCode()).isEqualTo(200);
        MediaNotification read = token.readNotification(receiver.await(folder + "/d1", "upload", WAIT));
        assertThat(read).isInstanceOf(MediaNotification.Uploaded.class);
        MediaNotification.Uploaded uploaded = (MediaNotification.Uploaded) read;
        MediaAsset asset = MediaAsset.uploading(ResourceType.RAW, folder + "/d1").uploaded(uploaded.facts());
        assertThat(asset.status()).isEqualTo(MediaStatus.READY);
        assertThat(Emulated.get(token.links(asset, LIFETIME).original().url()).body()).isEqualTo(text);
        assertThat(Emulated.get(download.links(asset, LIFETIME).original().url()).body()).isEqualTo(text);
        destroyAndCheck(asset);
    }

    /** Signs and uploads; reads the upload notification (processing pending) and then the eager one. */
    private static MediaAsset uploadAndProcess(ResourceType type, String folder, String name, String fileName, byte[] file,
                                               List<String> variants) {
        MediaLimits.Limit limit = MediaLimits.defaults().of(type);
        SignedUpload signed = token.signUpload(new UploadSpec(folder, name, type, limit.formats(), limit.maxBytes()));
        HttpResponse<String> response = Emulated.upload(signed, fileName, file);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String key = folder + "/" + name;
        MediaNotification upload = token.readNotification(receiver.await(key, "upload", WAIT));
        assertThat(upload).isInstanceOfSatisfying(MediaNotification.Uploaded.class, u -> {
            assertThat(u.assetKey()).isEqualTo(key);
            assertThat(u.processed()).as("eager_async: processing still under way").isEmpty();
        });
        MediaNotification eager = token.readNotification(receiver.await(key, "eager", WAIT));
        assertThat(eager).isInstanceOfSatisfying(MediaNotification.Processed.class, p -> {
            assertThat(p.assetKey()).isEqualTo(key);
            assertThat(p.made()).containsExactlyElementsOf(variants);
        });
        MediaAsset asset = MediaAsset.uploading(type, key).uploaded(((MediaNotification.Uploaded) upload).facts())
                .processed(((MediaNotification.Processed) eager).made());
        assertThat(asset.status()).isEqualTo(MediaStatus.READY);
        return asset;
    }

    /** After the lifetime nothing works any more: tokens are refused (403), download links expired (401). */
    private static void expireAndCheck(MediaLinks byToken, MediaLinks byDownload, List<URI> parts) {
        Instant after = byToken.expiresAt().isAfter(byDownload.expiresAt()) ? byToken.expiresAt() : byDownload.expiresAt();
        CLOCK.shift(Duration.between(Instant.now(), after).plusSeconds(1));
        try {
            assertThat(Emulated.status(byToken.original().url())).isEqualTo(403);
            byToken.variants().forEach((name, link) -> assertThat(Emulated.status(link.url())).as(name).isEqualTo(403));
            parts.forEach(part -> assertThat(Emulated.status(part)).as(part.toString()).isEqualTo(403));
            assertThat(Emulated.status(byDownload.original().url())).isEqualTo(401);
            byDownload.variants().forEach((name, link) -> assertThat(Emulated.status(link.url())).as(name).isEqualTo(401));
        } finally {
            CLOCK.reset();
        }
    }

    /** Destroy removes the original and every variant; destroying again is fine. */
    private static void destroyAndCheck(MediaAsset asset) {
        token.destroy(asset.assetKey(), asset.resourceType());
        MediaLinks byToken = token.links(asset, LIFETIME);
        MediaLinks byDownload = download.links(asset, LIFETIME);
        for (MediaLinks links : List.of(byToken, byDownload)) {
            assertThat(Emulated.status(links.original().url())).isEqualTo(404);
            links.variants().forEach((name, link) -> assertThat(Emulated.status(link.url())).as(name).isEqualTo(404));
        }
        download.destroy(asset.assetKey(), asset.resourceType());
    }

    /** Master playlist → media playlists → segments, every one fetched (200); returns the part URLs. */
    private static List<URI> followHls(URI master) {
        List<URI> parts = new ArrayList<>();
        HttpResponse<byte[]> playlist = Emulated.get(master);
        assertThat(playlist.statusCode()).isEqualTo(200);
        for (String line : uris(playlist.body())) {
            URI media = master.resolve(line);
            HttpResponse<byte[]> mediaPlaylist = Emulated.get(media);
            assertThat(mediaPlaylist.statusCode()).as(media.toString()).isEqualTo(200);
            parts.add(media);
            for (String segment : uris(mediaPlaylist.body())) {
                URI part = media.resolve(segment);
                assertThat(Emulated.status(part)).as(part.toString()).isEqualTo(200);
                parts.add(part);
            }
        }
        return parts;
    }

    /** The MPD, then each representation's init segment and first media segment. */
    private static List<URI> followDash(URI mpd) {
        HttpResponse<byte[]> manifest = Emulated.get(mpd);
        assertThat(manifest.statusCode()).isEqualTo(200);
        String xml = new String(manifest.body(), StandardCharsets.UTF_8);
        List<URI> parts = new ArrayList<>();
        Matcher representation = Pattern.compile("<Representation[^>]*\\bid=\"([^\"]+)\"").matcher(xml);
        Matcher init = Pattern.compile("initialization=\"([^\"]+)\"").matcher(xml);
        Matcher media = Pattern.compile("media=\"([^\"]+)\"").matcher(xml);
        while (representation.find() && init.find() && media.find()) {
            String id = representation.group(1);
            for (String template : List.of(init.group(1), media.group(1))) {
                String path = template.replace("&amp;", "&").replace("$RepresentationID$", id).replace("$Number%05d$", "00001");
                URI part = mpd.resolve(path);
                assertThat(Emulated.status(part)).as(part.toString()).isEqualTo(200);
                parts.add(part);
            }
        }
        assertThat(parts).isNotEmpty();
        return parts;
    }

    private static List<String> uris(byte[] playlist) {
        return new String(playlist, StandardCharsets.UTF_8).lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
