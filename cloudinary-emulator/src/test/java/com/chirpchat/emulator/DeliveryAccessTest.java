package com.chirpchat.emulator;

import com.cloudinary.AuthToken;
import com.cloudinary.Cloudinary;
import com.cloudinary.Transformation;
import com.cloudinary.api.ApiResponse;
import com.cloudinary.utils.ObjectUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.chirpchat.emulator.Fixtures.TOKEN_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Delivery access rules, signed URLs, tokens (incl. HLS/DASH), the download API and deletion, with the real SDK. */
@SuppressWarnings({"rawtypes", "unchecked"}) // the Cloudinary SDK\'s API is raw-typed
class DeliveryAccessTest {

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Cloudinary sdk;
    static Path png;
    static final ShiftedClock clock = new ShiftedClock();

    @BeforeAll
    static void start() {
        emulator = Fixtures.emulator(dir.resolve("data")).clock(clock).build().start();
        sdk = Fixtures.sdk(emulator);
        png = Fixtures.png(dir, "p.png", 400, 300);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void privateOriginalsNeedASignatureButDerivedFilesArePublic() throws Exception {
        Map<?, ?> r = sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "priv", "type", "private",
                "eager", Fixtures.eager("c_fill,g_auto,h_250,w_250/jpg")));
        assertThat((String) r.get("url")).contains("/image/private/s--");
        assertThat(status(r.get("url"))).isEqualTo(200);
        assertThat(status(sdk.url().type("private").format("png").generate("priv"))).isEqualTo(401);
        assertThat(status(sdk.url().type("private").signed(true).format("png").generate("priv"))).isEqualTo(200);
        assertThat(status(Fixtures.sdk(emulator, Map.of("long_url_signature", true)).url().type("private").signed(true)
                .format("png").generate("priv"))).isEqualTo(200);
        String tampered = sdk.url().type("private").signed(true).format("png").generate("priv").replaceFirst("s--(.)", "s--X");
        assertThat(status(tampered)).isIn(401);

        String thumb = sdk.url().type("private").transformation(new Transformation().crop("fill").gravity("auto").height(250).width(250))
                .format("jpg").generate("priv");
        assertThat(status(thumb)).as("eager derived of a private asset is public").isEqualTo(200);
        Transformation fresh = new Transformation().width(50).crop("scale");
        assertThat(status(sdk.url().type("private").transformation(fresh).format("jpg").generate("priv"))).isEqualTo(401);
        assertThat(status(sdk.url().type("private").signed(true).transformation(fresh).format("jpg").generate("priv"))).isEqualTo(200);
        assertThat(status(sdk.url().type("private").transformation(fresh).format("jpg").generate("priv")))
                .as("once generated, derived files of private assets are public").isEqualTo(200);
    }

    @Test
    void authenticatedAssetsNeedASignatureOrAToken() throws Exception {
        sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "chats/c7/auth", "type", "authenticated",
                "eager", Fixtures.eager("c_fill,g_auto,h_250,w_250/jpg")));
        Transformation thumb = new Transformation().crop("fill").gravity("auto").height(250).width(250);
        assertThat(status(sdk.url().type("authenticated").format("png").generate("chats/c7/auth"))).isEqualTo(401);
        assertThat(status(sdk.url().type("authenticated").transformation(thumb).format("jpg").generate("chats/c7/auth"))).isEqualTo(401);
        assertThat(status(sdk.url().type("authenticated").signed(true).format("png").generate("chats/c7/auth"))).isEqualTo(200);
        assertThat(status(sdk.url().type("authenticated").signed(true).transformation(thumb).format("jpg").generate("chats/c7/auth")))
                .isEqualTo(200);

        // URL-bound tokens exactly as the SDK builds them
        Cloudinary withToken = Fixtures.sdk(emulator, Map.of("auth_token", ObjectUtils.asMap("key", TOKEN_KEY, "duration", 300)));
        String tokenUrl = withToken.url().type("authenticated").signed(true).transformation(thumb).format("jpg").generate("chats/c7/auth");
        assertThat(tokenUrl).contains("__cld_token__=exp=");
        assertThat(status(tokenUrl)).isEqualTo(200);
        String otherPath = tokenUrl.replace("/v1/", "/v2/");
        assertThat(status(otherPath)).as("a URL token covers only its URL").isEqualTo(403);
        String expired = Fixtures.sdk(emulator, Map.of()).url().type("authenticated").signed(true)
                .authToken(new AuthToken(TOKEN_KEY).startTime(Instant.now().getEpochSecond() - 400).duration(300))
                .format("png").generate("chats/c7/auth");
        assertThat(status(expired)).isEqualTo(403);
        assertThat(status(tokenUrl.replaceAll("hmac=..", "hmac=00"))).isEqualTo(403);

        // ACL tokens, written for private-CDN paths (no cloud segment) or for our shared-CDN paths
        String plain = sdk.url().type("authenticated").format("png").generate("chats/c7/auth");
        for (String acl : List.of("/image/authenticated/*/chats/c7/*", "/chirpchat/image/authenticated/*")) {
            String token = new AuthToken(TOKEN_KEY).duration(300).acl(acl).generate();
            assertThat(status(plain + "?" + token)).as(acl).isEqualTo(200);
            assertThat(status(Fixtures.get(plain, "Cookie", "theme=dark; " + token).statusCode())).as("cookie " + acl).isEqualTo(200);
        }
        String wrongAcl = new AuthToken(TOKEN_KEY).duration(300).acl("/image/authenticated/*/chats/c8/*").generate();
        assertThat(status(plain + "?" + wrongAcl)).isEqualTo(403);
    }

    @Test
    void anExpiredTokenIsRefusedAsExpiredWhateverItsKind() throws Exception {
        sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "chats/c9/old", "type", "authenticated"));
        String plain = sdk.url().type("authenticated").format("png").generate("chats/c9/old");
        long start = Instant.now().getEpochSecond() - 400;
        List<String> expired = List.of(
                plain + "?" + new AuthToken(TOKEN_KEY).startTime(start).duration(300).acl("/chirpchat/image/authenticated/*").generate(),
                plain + "?" + new AuthToken(TOKEN_KEY).startTime(start).duration(300).acl("/image/authenticated/*/chats/c9/*").generate(),
                sdk.url().type("authenticated").signed(true).authToken(new AuthToken(TOKEN_KEY).startTime(start).duration(300))
                        .format("png").generate("chats/c9/old"));
        for (String url : expired) {
            HttpResponse<byte[]> res = Fixtures.get(url);
            assertThat(res.statusCode()).as(url).isEqualTo(403);
            assertThat(res.headers().firstValue("X-Cld-Error")).as(url).contains("Token refused: expired");
            HttpResponse<byte[]> cookie = Fixtures.get(plain, "Cookie", url.substring(url.indexOf('?') + 1));
            assertThat(cookie.headers().firstValue("X-Cld-Error")).as("cookie " + url).contains("Token refused: expired");
        }
    }

    @Test
    void hlsAndDashWorkWithATokenWithinItsLifetimeAndNotAfter() throws Exception {
        Fixtures.requireFfmpeg();
        Path clip = Fixtures.video(dir, "auth.mp4", 2, 320, 240);
        sdk.uploader().upload(clip.toFile(), ObjectUtils.asMap("resource_type", "video", "type", "authenticated",
                "public_id", "chats/c3/movie", "eager", Fixtures.eager("sp_auto/m3u8", "sp_full_hd/mpd")));
        Cloudinary video = sdk;
        String master = video.url().resourceType("video").type("authenticated").transformation(new Transformation().rawTransformation("sp_auto"))
                .format("m3u8").generate("chats/c3/movie");
        String mpd = video.url().resourceType("video").type("authenticated").transformation(new Transformation().rawTransformation("sp_full_hd"))
                .format("mpd").generate("chats/c3/movie");
        assertThat(status(master)).isEqualTo(401);

        long now = Instant.now().getEpochSecond();
        long exp = now + 60; // the emulator's clock is moved past it below: no waiting, however busy the machine
        // an ACL token such as the backend hands out, and a URL-bound one such as the SDK builds
        String aclToken = new AuthToken(TOKEN_KEY).startTime(now).expiration(exp).acl("/video/authenticated/*/chats/c3/*").generate();
        String urlToken = new AuthToken(TOKEN_KEY).startTime(now).expiration(exp).generate(URI.create(master).getRawPath());
        List<String> parts = new ArrayList<>();
        parts.addAll(followHls(master + "?" + aclToken));
        parts.addAll(followHls(master + "?" + urlToken));
        parts.addAll(followDash(mpd + "?" + aclToken));
        assertThat(parts).hasSizeGreaterThan(4);
        assertThat(parts).allSatisfy(p -> assertThat(p).contains("__cld_token__="));
        // a signed manifest: relative part URLs keep the signature segment
        String signedMaster = video.url().resourceType("video").type("authenticated").signed(true)
                .transformation(new Transformation().rawTransformation("sp_auto")).format("m3u8").generate("chats/c3/movie");
        assertThat(followHls(signedMaster)).isNotEmpty();

        clock.shift(java.time.Duration.ofSeconds(exp - now + 1));
        try {
            assertThat(status(master + "?" + aclToken)).isEqualTo(403);
            for (String part : parts) {
                assertThat(status(part)).as("after expiry: " + part).isEqualTo(403);
            }
            assertThat(followHls(signedMaster)).as("signatures never expire").isNotEmpty();
        } finally {
            clock.reset();
        }
    }

    @Test
    void privateDownloadUrlsWorkUntilTheyExpire() throws Exception {
        sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "chats/c1/doc", "type", "authenticated"));
        Map<String, Object> options = new HashMap<>(Map.of("type", "authenticated", "attachment", true,
                "expires_at", Instant.now().getEpochSecond() + 120));
        String url = sdk.privateDownload("chats/c1/doc", "png", options);
        HttpResponse<byte[]> ok = Fixtures.get(url);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
        assertThat(Fixtures.decode(ok.body()).getWidth()).isEqualTo(400);

        assertThat(status(url.replace("attachment=true", "attachment=false"))).isEqualTo(401);
        clock.shift(java.time.Duration.ofSeconds(121));
        try {
            assertThat(status(url)).as("the same link once its expires_at has passed").isEqualTo(401);
        } finally {
            clock.reset();
        }
        assertThat(status(url)).isEqualTo(200);

        Map<String, Object> expiredOptions = new HashMap<>(Map.of("type", "authenticated",
                "expires_at", Instant.now().getEpochSecond() - 1));
        HttpResponse<byte[]> expired = Fixtures.get(sdk.privateDownload("chats/c1/doc", "png", expiredOptions));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(Fixtures.json(expired.body()).path("error").path("message").asText()).contains("expired");

        // a derived file through the same API
        Map<String, String> params = Fixtures.signed(sdk, Map.of("public_id", "chats/c1/doc", "type", "authenticated",
                "format", "jpg", "transformation", "c_fill,h_100,w_100",
                "expires_at", String.valueOf(Instant.now().getEpochSecond() + 60)));
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<byte[]> derived = Fixtures.get(emulator.baseUri() + "/v1_1/chirpchat/image/download" + q);
        assertThat(derived.statusCode()).as(new String(derived.body())).isEqualTo(200);
        assertThat(derived.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(Fixtures.decode(derived.body()).getWidth()).isEqualTo(100);
    }

    @Test
    void destroyRemovesTheOriginalAndEveryDerivedFile() throws Exception {
        Map<?, ?> r = sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "gone",
                "eager", Fixtures.eager("c_fill,g_auto,h_250,w_250/jpg", "c_limit,q_auto,w_800/webp")));
        List<String> urls = new ArrayList<>(List.of((String) r.get("url")));
        for (Object e : (List<?>) r.get("eager")) {
            urls.add((String) ((Map<?, ?>) e).get("url"));
        }
        urls.forEach(u -> assertThat(status(u)).isEqualTo(200));
        assertThat(sdk.uploader().destroy("gone", ObjectUtils.asMap("invalidate", true))).containsEntry("result", "ok");
        urls.forEach(u -> assertThat(status(u)).as(u).isEqualTo(404));
        assertThat(sdk.uploader().destroy("gone", ObjectUtils.emptyMap())).containsEntry("result", "not found");
    }

    @Test
    void adminApiDeletesResourcesWithBasicAuth() throws Exception {
        Map<?, ?> a = sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "adm/a", "type", "authenticated",
                "eager", Fixtures.eager("c_fill,g_auto,h_250,w_250/jpg")));
        ApiResponse res = sdk.api().deleteResources(List.of("adm/a", "adm/missing"), ObjectUtils.asMap("type", "authenticated"));
        assertThat(res).containsEntry("partial", false);
        Map<?, ?> deleted = (Map<?, ?>) res.get("deleted");
        assertThat(deleted.get("adm/a")).isEqualTo("deleted");
        assertThat(deleted.get("adm/missing")).isEqualTo("not_found");
        Map<?, ?> counts = (Map<?, ?>) ((Map<?, ?>) res.get("deleted_counts")).get("adm/a");
        assertThat(counts.get("original")).isEqualTo(1);
        assertThat(counts.get("derived")).isEqualTo(1);
        assertThat(status(a.get("url"))).isEqualTo(404);
        assertThat(status(((Map<?, ?>) ((List<?>) a.get("eager")).get(0)).get("url"))).isEqualTo(404);

        assertThat(sdk.api().ping(ObjectUtils.emptyMap())).containsEntry("status", "ok");
        Cloudinary wrong = Fixtures.sdk(emulator, Map.of("api_secret", "nope"));
        assertThatThrownBy(() -> wrong.api().deleteResources(List.of("x"), ObjectUtils.emptyMap()))
                .hasMessageContaining("Invalid credentials");
    }

    @Test
    void privateCdnStyleUrlsWithoutTheCloudSegmentAreServed() throws Exception {
        sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "cdn"));
        Cloudinary privateCdn = Fixtures.sdk(emulator, Map.of("private_cdn", true));
        String url = privateCdn.url().format("png").generate("cdn");
        assertThat(url).isEqualTo(emulator.baseUri() + "/image/upload/cdn.png");
        assertThat(status(url)).isEqualTo(200);
        HttpResponse<byte[]> head = Fixtures.send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(java.nio.file.Files.size(png));
        assertThat(status(emulator.baseUri() + "/chirpchat/image/upload/nothing-here.png")).isEqualTo(404);
    }

    private static List<String> followHls(String masterUrl) {
        List<String> fetched = new ArrayList<>();
        HttpResponse<byte[]> master = Fixtures.get(masterUrl);
        assertThat(master.statusCode()).as(masterUrl).isEqualTo(200);
        for (String variant : uris(new String(master.body(), StandardCharsets.UTF_8))) {
            String variantUrl = URI.create(masterUrl).resolve(variant).toString();
            HttpResponse<byte[]> playlist = Fixtures.get(variantUrl);
            assertThat(playlist.statusCode()).as(variantUrl).isEqualTo(200);
            fetched.add(variantUrl);
            for (String segment : uris(new String(playlist.body(), StandardCharsets.UTF_8))) {
                String segmentUrl = URI.create(variantUrl).resolve(segment).toString();
                assertThat(status(segmentUrl)).as(segmentUrl).isEqualTo(200);
                fetched.add(segmentUrl);
            }
        }
        return fetched;
    }

    private static List<String> followDash(String mpdUrl) {
        HttpResponse<byte[]> mpd = Fixtures.get(mpdUrl);
        assertThat(mpd.statusCode()).isEqualTo(200);
        String xml = new String(mpd.body(), StandardCharsets.UTF_8);
        List<String> fetched = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("initialization=\"([^\"]+)\"").matcher(xml);
        while (m.find()) {
            String init = m.group(1).replace("&amp;", "&").replace("$RepresentationID$", "0");
            String url = URI.create(mpdUrl).resolve(init).toString();
            assertThat(status(url)).as(url).isEqualTo(200);
            fetched.add(url);
            break;
        }
        java.util.regex.Matcher media = java.util.regex.Pattern.compile("media=\"([^\"]+)\"").matcher(xml);
        assertThat(media.find()).isTrue();
        String first = media.group(1).replace("&amp;", "&").replace("$RepresentationID$", "0").replace("$Number%05d$", "00001");
        String url = URI.create(mpdUrl).resolve(first).toString();
        assertThat(status(url)).as(url).isEqualTo(200);
        fetched.add(url);
        return fetched;
    }

    private static List<String> uris(String playlist) {
        return playlist.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static int status(Object url) {
        return url instanceof Integer i ? i : Fixtures.get((String) url).statusCode();
    }

}
