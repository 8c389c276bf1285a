package com.chirpchat.emulator.auth;

import com.cloudinary.AuthToken;
import com.cloudinary.Cloudinary;
import com.cloudinary.SignatureAlgorithm;
import com.cloudinary.Util;
import com.cloudinary.utils.ObjectUtils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Cloudinary's published signature vectors, and agreement with what the real SDK produces. */
class SignatureVectorsTest {

    private static final Map<String, String> EAGER_VECTOR = Map.of(
            "eager", "w_400,h_300,c_pad|w_260,h_200,c_crop",
            "public_id", "sample_image",
            "timestamp", "1315060510");

    @Test
    void apiSignatureVectorsSha1AndSha256() {
        assertThat(ApiSignatures.digest(EAGER_VECTOR, "abcd", "SHA-1", 2)).isEqualTo("bfd09f95f331f558cbd1320e67aa8d488770583e");
        assertThat(ApiSignatures.digest(EAGER_VECTOR, "abcd", "SHA-256", 2))
                .isEqualTo("cc927e1290f9e3ae4c1a741eda21a4630b4ce80f9ce0bc0296337d25cf40f91e");
        assertThat(ApiSignatures.verify(EAGER_VECTOR, "bfd09f95f331f558cbd1320e67aa8d488770583e", "abcd")).isTrue();
        assertThat(ApiSignatures.verify(EAGER_VECTOR, "CC927E1290F9E3AE4C1A741EDA21A4630B4CE80F9CE0BC0296337D25CF40F91E", "abcd")).isTrue();
        assertThat(ApiSignatures.verify(EAGER_VECTOR, "bfd09f95f331f558cbd1320e67aa8d488770583f", "abcd")).isFalse();
        assertThat(ApiSignatures.verify(EAGER_VECTOR, "bfd09f95", "abcd")).isFalse();
    }

    @Test
    void signatureVersion2EscapesAmpersandsInValues() {
        Map<String, String> params = Map.of(
                "cloud_name", "dn6ot3ged",
                "notification_url", "https://fake.com/callback?a=1&tags=hello,world",
                "timestamp", "1568810420");
        assertThat(ApiSignatures.digest(params, "hdcixPpR2iKERPwqvH6sHdK9cyac", "SHA-1", 2))
                .isEqualTo("4fdf465dd89451cc1ed8ec5b3e314e8a51695704");
        // Version 1 hashes the raw value: a different signature, also accepted by verify().
        String v1 = ApiSignatures.digest(params, "hdcixPpR2iKERPwqvH6sHdK9cyac", "SHA-1", 1);
        assertThat(v1).isNotEqualTo("4fdf465dd89451cc1ed8ec5b3e314e8a51695704");
        Map<String, String> request = new HashMap<>(params);
        request.remove("cloud_name");
        String v2 = ApiSignatures.sign(request, "s", "SHA-1", 2);
        String v1request = ApiSignatures.sign(request, "s", "SHA-1", 1);
        assertThat(ApiSignatures.verify(request, v2, "s")).isTrue();
        assertThat(ApiSignatures.verify(request, v1request, "s")).isTrue();
    }

    @Test
    void unsignedParametersAreLeftOut() {
        Map<String, String> params = new LinkedHashMap<>(EAGER_VECTOR);
        params.put("file", "data:...");
        params.put("api_key", "123");
        params.put("resource_type", "image");
        params.put("cloud_name", "demo");
        params.put("signature", "whatever");
        params.put("empty", "");
        assertThat(ApiSignatures.verify(params, "bfd09f95f331f558cbd1320e67aa8d488770583e", "abcd")).isTrue();
    }

    @Test
    void sdkSignaturesAreAccepted() {
        Map<String, Object> params = new HashMap<>(Map.of("public_id", "chats/c1/x", "timestamp", "1700000000",
                "eager", "c_fill,g_auto,h_250,w_250/jpg|sp_auto/m3u8", "notification_url", "http://127.0.0.1/hook?a=1&b=2"));
        Map<String, String> strings = new HashMap<>();
        params.forEach((k, v) -> strings.put(k, v.toString()));
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            for (int version : List.of(1, 2)) {
                String sdk = Util.produceSignature(params, "secret", algorithm, version);
                assertThat(ApiSignatures.verify(strings, sdk, "secret")).as(algorithm + " v" + version).isTrue();
                assertThat(ApiSignatures.verify(strings, sdk, "other-secret")).isFalse();
            }
        }
    }

    @Test
    void uploadResponseSignatureVector() {
        assertThat(ApiSignatures.responseSignature("tests/logo.png", 1, "X7qLTrsES31MzxxkxPPA-pAGGfU"))
                .isEqualTo("08d3107a5b2ad82e7d82c0b972218fbf20b5b1e0");
        Cloudinary sdk = new Cloudinary(ObjectUtils.asMap("cloud_name", "c", "api_key", "k", "api_secret", "X7qLTrsES31MzxxkxPPA-pAGGfU"));
        assertThat(sdk.verifyApiResponseSignature("tests/logo.png", "1", "08d3107a5b2ad82e7d82c0b972218fbf20b5b1e0")).isTrue();
    }

    @Test
    void deliveryUrlSignatureVectors() {
        assertThat(UrlSignatures.sign("sample.jpg", "b")).isEqualTo("s--v2fTPYTu--");
        assertThat(UrlSignatures.sign("c_crop,h_20,w_10/image.jpg", "b")).isEqualTo("s--Ai4Znfl3--");
        assertThat(UrlSignatures.verify("sample.jpg", "v2fTPYTu", "b")).isTrue();
        assertThat(UrlSignatures.verify("/c_crop,h_20,w_10//image.jpg", "Ai4Znfl3", "b")).isTrue();
        assertThat(UrlSignatures.verify("sample.jpg", "v2fTPYTv", "b")).isFalse();
        assertThat(UrlSignatures.verify("c_crop,h_20,w_11/image.jpg", "Ai4Znfl3", "b")).isFalse();
    }

    @Test
    void longAndSha256UrlSignaturesMatchTheSdk() {
        for (Map<String, Object> extra : List.of(
                Map.<String, Object>of("long_url_signature", true),
                Map.<String, Object>of("signature_algorithm", "SHA256"))) {
            Map<String, Object> config = new HashMap<>(Map.of("cloud_name", "demo", "api_key", "k", "api_secret", "b"));
            config.putAll(extra);
            String url = new Cloudinary(config).url().signed(true).generate("sample.jpg");
            String sig = url.replaceAll(".*/s--([^/]+)--/.*", "$1");
            assertThat(sig).hasSize(extra.containsKey("long_url_signature") ? 32 : 8);
            assertThat(UrlSignatures.verify("sample.jpg", sig, "b")).as(url).isTrue();
            assertThat(UrlSignatures.verify("sample.png", sig, "b")).isFalse();
        }
    }

    @Test
    void notificationSignatureVector() {
        String sig = NotificationSignatures.sign("{}".getBytes(StandardCharsets.UTF_8), "0", "someApiSecret", "SHA-1");
        assertThat(sig).isEqualTo("f9aa4471d2a88ff244424cca2444edf7d7ac3596");
        String sha256 = NotificationSignatures.sign("{}".getBytes(StandardCharsets.UTF_8), "0", "someApiSecret", "SHA-256");
        assertThat(sha256).hasSize(64);
        Cloudinary sdk = new Cloudinary(ObjectUtils.asMap("cloud_name", "c", "api_key", "k", "api_secret", "someApiSecret"));
        long now = Instant.now().getEpochSecond();
        String body = "{\"notification_type\":\"upload\"}";
        String current = NotificationSignatures.sign(body.getBytes(StandardCharsets.UTF_8), String.valueOf(now), "someApiSecret", "SHA-1");
        // the SDK's own verifier agrees (its age check takes seconds and a generous window here)
        assertThat(sdk.verifyNotificationSignature(body, String.valueOf(now), current, 7200)).isTrue();
    }

    @Test
    void sdkTokensAreVerified() {
        String key = "00112233FF99";
        byte[] rawKey = HexFormat.of().parseHex(key.toLowerCase());
        long now = Instant.now().getEpochSecond();
        String path = "/chirpchat/video/authenticated/sp_auto/v1/chats/c1/a b.m3u8";

        String aclToken = strip(new AuthToken(key).startTime(now - 10).duration(300).acl("/video/authenticated/*/chats/c1/*").generate());
        assertThat(AuthTokens.verify(aclToken, rawKey, List.of(path, path.substring("/chirpchat".length())), now, "127.0.0.1").outcome())
                .isEqualTo(AuthTokens.Outcome.VALID);
        assertThat(AuthTokens.verify(aclToken, rawKey, List.of("/chirpchat/video/authenticated/v1/chats/c2/x.mp4",
                "/video/authenticated/v1/chats/c2/x.mp4"), now, "").outcome()).isEqualTo(AuthTokens.Outcome.ACL_MISMATCH);

        String urlToken = strip(new AuthToken(key).duration(300).generate(path.replace(" ", "%20")));
        assertThat(AuthTokens.verify(urlToken, rawKey, List.of(path.replace(" ", "%20")), now, "").valid()).isTrue();
        assertThat(AuthTokens.verify(urlToken, rawKey, List.of(path.replace(" ", "%20").replace("c1", "c2")), now, "").outcome())
                .isEqualTo(AuthTokens.Outcome.BAD_HMAC);

        String expired = strip(new AuthToken(key).startTime(now - 600).duration(300).acl("/*").generate());
        assertThat(AuthTokens.verify(expired, rawKey, List.of(path), now, "").outcome()).isEqualTo(AuthTokens.Outcome.EXPIRED);

        String future = strip(new AuthToken(key).startTime(now + 600).duration(300).acl("/*").generate());
        assertThat(AuthTokens.verify(future, rawKey, List.of(path), now, "").outcome()).isEqualTo(AuthTokens.Outcome.NOT_YET_VALID);

        String tampered = aclToken.replace("exp=", "exp=9");
        assertThat(AuthTokens.verify(tampered, rawKey, List.of(path), now, "").outcome()).isEqualTo(AuthTokens.Outcome.BAD_HMAC);

        String multi = strip(new AuthToken(key).duration(300).acl("/image/*", "/chirpchat/video/*").generate());
        assertThat(AuthTokens.verify(multi, rawKey, List.of(path), now, "").valid()).isTrue();

        String withIp = strip(new AuthToken(key).duration(300).ip("10.0.0.9").acl("/*").generate());
        assertThat(AuthTokens.verify(withIp, rawKey, List.of(path), now, "127.0.0.1").outcome()).isEqualTo(AuthTokens.Outcome.IP_MISMATCH);
    }

    @Test
    void mintedTokensMatchTheSdk() {
        String key = "00112233FF99";
        String sdk = strip(new AuthToken(key).startTime(11111111).expiration(11111411).acl("/image/*").generate());
        assertThat(AuthTokens.mint(HexFormat.of().parseHex("00112233ff99"), "/image/*", java.util.Optional.of(11111111L), 11111411))
                .isEqualTo(sdk);
        assertThat(AuthTokens.escape("/a b:c?d=e&f~g")).isEqualTo("%2fa%20b%3ac%3fd%3de%26f%7eg");
    }

    private static String strip(String token) {
        return token.substring(AuthTokens.NAME.length() + 1);
    }
}
