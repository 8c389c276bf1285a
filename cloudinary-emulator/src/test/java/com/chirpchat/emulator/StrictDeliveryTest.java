package com.chirpchat.emulator;

import com.cloudinary.AuthToken;
import com.cloudinary.Cloudinary;
import com.cloudinary.Transformation;
import com.cloudinary.utils.ObjectUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.chirpchat.emulator.Fixtures.TOKEN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two account settings ChirpChat runs the local service with, as an attacker holding a member's token sees them:
 * strict transformations (nothing rendered on request, only eager derivations delivered) and token-only access
 * ({@code access_control} token: the permanent {@code s--SIG--} URLs of the upload response open nothing).
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // the Cloudinary SDK's API is raw-typed
class StrictDeliveryTest {

    static final String THUMB = "c_fill,g_auto,h_250,w_250/jpg";

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Cloudinary sdk;
    static Path png;

    @BeforeAll
    static void start() {
        emulator = Fixtures.emulator(dir.resolve("data")).strictTransformations(true).build().start();
        sdk = Fixtures.sdk(emulator);
        png = Fixtures.png(dir, "p.png", 1200, 900);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    /** issue 13.1: {@code w_9000,h_9000,c_scale} with a token whose ACL has {@code *} where the transformation goes. */
    @Test
    void aWildcardTokenGetsTheEagerFilesButNothingIsRenderedOnRequest() throws Exception {
        sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "chats/c1/m1", "type", "authenticated",
                "eager", Fixtures.eager(THUMB)));
        String token = new AuthToken(TOKEN_KEY).duration(300).acl("/chirpchat/image/authenticated/*/chats/c1/m1.*").generate();
        Transformation thumb = new Transformation().crop("fill").gravity("auto").height(250).width(250);
        String eager = sdk.url().type("authenticated").transformation(thumb).format("jpg").generate("chats/c1/m1");
        assertThat(Fixtures.get(eager + "?" + token).statusCode()).isEqualTo(200);

        long before = files();
        for (String t : List.of("w_9000,h_9000,c_scale", "w_100", "w_101", "w_102", "c_fill,g_auto,h_251,w_250")) {
            String url = sdk.url().type("authenticated").transformation(new Transformation().rawTransformation(t))
                    .format("jpg").generate("chats/c1/m1") + "?" + token;
            HttpResponse<byte[]> res = Fixtures.get(url);
            assertThat(res.statusCode()).as(t).isEqualTo(401);
            assertThat(res.headers().firstValue("X-Cld-Error").orElse("")).contains("strict transformations");
        }
        String otherFormat = sdk.url().type("authenticated").format("webp").generate("chats/c1/m1") + "?" + token;
        assertThat(Fixtures.get(otherFormat).statusCode()).as("a format change is a derivation too").isEqualTo(401);
        assertThat(files()).as("nothing was rendered").isEqualTo(before);

        // the account setting still lets the API secret's holder order a derivation, as Cloudinary's does
        String signed = sdk.url().type("authenticated").signed(true).transformation(new Transformation().rawTransformation("w_100"))
                .format("jpg").generate("chats/c1/m1");
        assertThat(Fixtures.get(signed).statusCode()).isEqualTo(200);
    }

    /** issue 13.4: the upload response's URLs carry a signature that never expires. */
    @Test
    void aTokenOnlyAssetOpensForTokensAndNotForTheSignedUrlsOfItsUploadResponse() throws Exception {
        Map<?, ?> r = sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "chats/c2/m2", "type", "authenticated",
                "eager", Fixtures.eager(THUMB), "access_control", "[{\"access_type\":\"token\"}]"));
        assertThat(r.get("access_control")).isEqualTo(List.of(Map.of("access_type", "token")));
        List<String> seen = new java.util.ArrayList<>(List.of((String) r.get("url"), (String) r.get("secure_url")));
        for (Object item : (List<?>) r.get("eager")) {
            seen.add((String) ((Map<?, ?>) item).get("url"));
        }
        seen.add(sdk.url().type("authenticated").signed(true).format("png").generate("chats/c2/m2"));
        for (String url : seen) {
            assertThat(url).contains("/s--");
            HttpResponse<byte[]> res = Fixtures.get(url);
            assertThat(res.statusCode()).as(url).isEqualTo(401);
            assertThat(res.headers().firstValue("X-Cld-Error").orElse("")).contains("only with a __cld_token__");
        }
        String token = new AuthToken(TOKEN_KEY).duration(300).acl("/chirpchat/image/authenticated/*chats/c2/m2*").generate();
        assertThat(Fixtures.get(sdk.url().type("authenticated").format("png").generate("chats/c2/m2") + "?" + token).statusCode())
                .isEqualTo(200);

        // a video's playback_url too
        Fixtures.requireFfmpeg();
        Path video = Fixtures.video(dir, "v.mp4", 1.0, 320, 240);
        Map<?, ?> v = sdk.uploader().upload(video.toFile(), ObjectUtils.asMap("resource_type", "video", "public_id", "chats/c2/v2",
                "type", "authenticated", "eager", Fixtures.eager("sp_auto/m3u8"), "access_control", "[{\"access_type\":\"token\"}]"));
        assertThat(Fixtures.get((String) v.get("playback_url")).statusCode()).isEqualTo(401);
        assertThat(Fixtures.get((String) v.get("url")).statusCode()).isEqualTo(401);
    }

    @Test
    void accessControlThatIsNotTokenIsRefused() {
        for (String bad : List.of("nonsense", "[]", "[{\"access_type\":\"anonymous\",\"start\":\"2026-01-01T00:00:00Z\"}]")) {
            Map<?, ?> r;
            try {
                r = sdk.uploader().upload(png.toFile(), ObjectUtils.asMap("public_id", "bad", "type", "authenticated",
                        "access_control", bad, "return_error", true));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(((Map<?, ?>) r.get("error")).get("http_code")).as(bad).isEqualTo(400);
        }
    }

    private static long files() throws IOException {
        try (Stream<Path> all = Files.walk(dir.resolve("data").resolve("assets"))) {
            return all.filter(Files::isRegularFile).count();
        }
    }
}
