package com.chirpchat.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.chirpchat.application.account.AccessTokenPort;
import com.chirpchat.application.account.SessionId;
import com.chirpchat.application.fakes.MutableClock;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.wire.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtAccessTokensTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final UserId user = new UserId(UUID.randomUUID());
    private final SessionId session = new SessionId(UUID.randomUUID());

    @TempDir
    Path dataDir;

    private static Config config(Map<String, String> values) {
        return Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values)).build();
    }

    private JwtAccessTokens tokens() {
        return JwtAccessTokens.create(config(Map.of("jwt-secret", Base64.getEncoder().encodeToString(SECRET))), dataDir, clock);
    }

    @Test
    void issuedTokensVerifyToTheirUser() {
        JwtAccessTokens tokens = tokens();

        AccessTokenPort.AccessToken token = tokens.issue(user, session);

        assertThat(token.expiresIn()).isEqualTo(Duration.ofMinutes(15));
        assertThat(tokens.verify(token.token()).map(AccessTokenPort.Claims::user)).contains(user);
        ObjectNode header = part(token.token(), 0);
        ObjectNode claims = part(token.token(), 1);
        assertThat(header.path("alg").asText()).isEqualTo("HS256");
        assertThat(claims.path("sub").asText()).isEqualTo(user.toString());
        assertThat(claims.path("iss").asText()).isEqualTo("chirpchat");
        assertThat(claims.path("aud").toString()).contains("chirpchat-clients");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(900);
        assertThat(claims.path("jti").asText()).isNotBlank();
        assertThat(claims.path("sid").asText()).isEqualTo(session.toString());
        assertThat(tokens.verify(token.token())).contains(new AccessTokenPort.Claims(user, session, Instant.ofEpochSecond(claims.path("exp").asLong())));
        assertThat(tokens.lifetime()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void tokensExpire() {
        JwtAccessTokens tokens = tokens();
        String token = tokens.issue(user, session).token();

        clock.advance(Duration.ofMinutes(14));
        assertThat(tokens.verify(token).map(AccessTokenPort.Claims::user)).contains(user);
        clock.advance(Duration.ofMinutes(2));
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void aRememberedTokenStillExpiresAndIsNotValidBeforeItsIssueTime() {
        JwtAccessTokens tokens = tokens();
        String token = tokens.issue(user, session).token();
        assertThat(tokens.verify(token).map(AccessTokenPort.Claims::user)).contains(user);
        assertThat(tokens.remembered()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(-5));
        assertThat(tokens.verify(token)).as("before its issue time (beyond the clock skew)").isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(tokens.verify(token).map(AccessTokenPort.Claims::user)).contains(user);
        clock.advance(Duration.ofMinutes(16));
        assertThat(tokens.verify(token)).as("expired, though verified before").isEmpty();
        assertThat(tokens.remembered()).isZero();
    }

    @Test
    void onlyTheExactRememberedTokenIsTrusted() {
        JwtAccessTokens tokens = tokens();
        String token = tokens.issue(user, session).token();
        assertThat(tokens.verify(token).map(AccessTokenPort.Claims::user)).contains(user);
        String[] parts = token.split("\\.");
        String otherUser = B64URL.encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(user.toString(), new UserId(UUID.randomUUID()).toString()).getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.verify(parts[0] + "." + otherUser + "." + parts[2])).isEmpty();
        assertThat(tokens.verify(token + "x")).isEmpty();
        assertThat(tokens.verify(token).map(AccessTokenPort.Claims::user)).contains(user);
    }

    @Test
    void rememberingIsBounded() {
        JwtAccessTokens tokens = tokens();
        for (int i = 0; i < JwtAccessTokens.MAX_REMEMBERED + 10; i++) {
            assertThat(tokens.verify(tokens.issue(new UserId(UUID.randomUUID()), session).token())).isPresent();
        }
        assertThat(tokens.remembered()).isLessThanOrEqualTo(JwtAccessTokens.MAX_REMEMBERED);
    }

    @Test
    void tokensFromTheFutureAreRefused() {
        JwtAccessTokens tokens = tokens();
        clock.advance(Duration.ofMinutes(10));
        String early = tokens.issue(user, session).token();
        clock.advance(Duration.ofMinutes(-10));

        assertThat(tokens.verify(early)).isEmpty();
    }

    @Test
    void refusesForgedTokens() throws Exception {
        JwtAccessTokens tokens = tokens();
        String genuine = tokens.issue(user, session).token();
        ObjectNode header = part(genuine, 0);
        ObjectNode claims = part(genuine, 1);
        long now = clock.instant().getEpochSecond();

        // alg none, with and without a signature
        assertThat(tokens.verify(unsigned(header.deepCopy().put("alg", "none"), claims))).isEmpty();
        assertThat(tokens.verify(unsigned(header.deepCopy().put("alg", "none"), claims) + "c2ln")).isEmpty();
        assertThat(tokens.verify(unsigned(header.deepCopy().put("alg", "None"), claims))).isEmpty();
        // key confusion: the HMAC secret used under public-key or other HMAC algorithms
        for (String alg : new String[] {"RS256", "ES256", "PS256", "HS384", "HS512"}) {
            assertThat(tokens.verify(signed(header.deepCopy().put("alg", alg), claims, "HmacSHA256"))).as(alg).isEmpty();
        }
        assertThat(tokens.verify(signed(header.deepCopy().put("alg", "HS512"), claims, "HmacSHA512"))).isEmpty();
        // no alg at all
        ObjectNode noAlg = header.deepCopy();
        noAlg.remove("alg");
        assertThat(tokens.verify(signed(noAlg, claims, "HmacSHA256"))).isEmpty();
        // a signature by another key, a tampered payload, a dropped signature
        assertThat(tokens.verify(signed(header, claims, "HmacSHA256", "another-secret-another-secret-xx".getBytes()))).isEmpty();
        assertThat(tokens.verify(withPayload(genuine, claims.deepCopy().put("sub", UUID.randomUUID().toString())))).isEmpty();
        assertThat(tokens.verify(genuine.substring(0, genuine.lastIndexOf('.') + 1))).isEmpty();
        // properly signed, but wrong claims
        assertThat(tokens.verify(signed(header, claims.deepCopy().put("exp", now - 3600), "HmacSHA256"))).isEmpty();
        assertThat(tokens.verify(signed(header, without(claims, "exp"), "HmacSHA256"))).isEmpty();
        assertThat(tokens.verify(signed(header, without(claims, "iat"), "HmacSHA256"))).isEmpty();
        assertThat(tokens.verify(signed(header, claims.deepCopy().put("iss", "someone-else"), "HmacSHA256"))).isEmpty();
        assertThat(tokens.verify(signed(header, without(claims, "iss"), "HmacSHA256"))).isEmpty();
        assertThat(tokens.verify(signed(header, claims.deepCopy().put("aud", "other-clients"), "HmacSHA256"))).isEmpty();
        assertThat(tokens.verify(signed(header, without(claims, "aud"), "HmacSHA256"))).isEmpty();
        assertThat(tokens.verify(signed(header, claims.deepCopy().put("nbf", now + 3600), "HmacSHA256"))).isEmpty();
        assertThat(tokens.verify(signed(header, claims.deepCopy().put("sub", "admin"), "HmacSHA256"))).isEmpty();
        assertThat(tokens.verify(signed(header, without(claims, "sub"), "HmacSHA256"))).isEmpty();
        assertThat(tokens.verify(signed(header, without(claims, "jti"), "HmacSHA256"))).isEmpty();
        assertThat(tokens.verify(signed(header, without(claims, "sid"), "HmacSHA256"))).as("no session: cannot be logged out").isEmpty();
        assertThat(tokens.verify(signed(header, claims.deepCopy().put("sid", "not-a-uuid"), "HmacSHA256"))).isEmpty();
        assertThat(tokens.verify(signed(header, claims.deepCopy().put("sid", 42), "HmacSHA256"))).isEmpty();
        assertThat(tokens.verify(signed(header, claims.deepCopy().put("exp", "tomorrow"), "HmacSHA256"))).isEmpty();
        assertThat(tokens.verify(signed(header.deepCopy().put("kid", "someone-elses-key"), claims, "HmacSHA256"))).isEmpty();
        ObjectNode critical = header.deepCopy();
        critical.putArray("crit").add("exp");
        assertThat(tokens.verify(signed(critical, claims, "HmacSHA256"))).isEmpty();
        // the same claims, signed correctly, do verify: the refusals above are about what was changed
        assertThat(tokens.verify(signed(header, claims, "HmacSHA256")).map(AccessTokenPort.Claims::user)).contains(user);
    }

    @Test
    void refusesMalformedTokens() {
        JwtAccessTokens tokens = tokens();
        for (String token : new String[] {"", "abc", "a.b", "a.b.c", "..", "x.y.z.w", "eyJhbGciOiJIUzI1NiJ9.%%%.sig",
                B64URL.encodeToString("not json".getBytes()) + ".e30.c2ln", "e30.e30.e30", "x".repeat(10_000)}) {
            assertThat(tokens.verify(token)).as(token).isEmpty();
        }
        assertThat(tokens.verify(null)).isEmpty();
    }

    @Test
    void aTokenFromAnotherSecretIsRefused() {
        String token = tokens().issue(user, session).token();
        JwtAccessTokens other = JwtAccessTokens.create(config(Map.of()), dataDir, clock);

        assertThat(other.verify(token)).isEmpty();
    }

    @Test
    void generatesAnOwnerOnlySecretOnceAndReusesIt() throws Exception {
        Path dir = dataDir.resolve("nested/data");
        JwtAccessTokens first = JwtAccessTokens.create(config(Map.of()), dir, clock);
        String token = first.issue(user, session).token();
        Path file = dir.resolve(JwtAccessTokens.SECRET_FILE);
        String stored = Files.readString(file);

        JwtAccessTokens restarted = JwtAccessTokens.create(config(Map.of()), dir, clock);

        assertThat(Base64.getDecoder().decode(stored.strip())).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(restarted.verify(token).map(AccessTokenPort.Claims::user)).contains(user);
        assertThat(Files.readString(file)).isEqualTo(stored);
    }

    @Test
    void configurationIsChecked() {
        assertThatThrownBy(() -> JwtAccessTokens.create(config(Map.of("jwt-secret", Base64.getEncoder().encodeToString(new byte[16]))),
                                                        dataDir, clock))
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> JwtAccessTokens.create(config(Map.of("jwt-secret", "not base64 !")), dataDir, clock))
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> JwtAccessTokens.create(config(Map.of("jwt-secret", Base64.getEncoder().encodeToString(SECRET),
                                                                      "token-ttl", "PT0S")), dataDir, clock))
                .hasMessageContaining("token-ttl");
    }

    @Test
    void issuerAudienceAndLifetimeAreConfigurable() {
        JwtAccessTokens tokens = JwtAccessTokens.create(config(Map.of("jwt-secret", Base64.getEncoder().encodeToString(SECRET),
                                                                      "issuer", "me", "audience", "them", "token-ttl", "PT5M")),
                                                        dataDir, clock);
        AccessTokenPort.AccessToken token = tokens.issue(user, session);

        assertThat(token.expiresIn()).isEqualTo(Duration.ofMinutes(5));
        assertThat(part(token.token(), 1).path("iss").asText()).isEqualTo("me");
        assertThat(tokens.verify(token.token()).map(AccessTokenPort.Claims::user)).contains(user);
        assertThat(tokens().verify(token.token())).isEmpty(); // same key, other issuer and audience
    }

    private static ObjectNode part(String token, int index) {
        try {
            return (ObjectNode) Json.mapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode without(ObjectNode node, String field) {
        ObjectNode copy = node.deepCopy();
        copy.remove(field);
        return copy;
    }

    private static String encode(ObjectNode node) {
        return B64URL.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String unsigned(ObjectNode header, ObjectNode claims) {
        return encode(header) + "." + encode(claims) + ".";
    }

    private static String withPayload(String token, ObjectNode claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + encode(claims) + "." + parts[2];
    }

    private static String signed(ObjectNode header, ObjectNode claims, String mac) throws Exception {
        return signed(header, claims, mac, SECRET);
    }

    private static String signed(ObjectNode header, ObjectNode claims, String mac, byte[] key) throws Exception {
        String content = encode(header) + "." + encode(claims);
        Mac hmac = Mac.getInstance(mac);
        hmac.init(new SecretKeySpec(key, mac));
        return content + "." + B64URL.encodeToString(hmac.doFinal(content.getBytes(StandardCharsets.US_ASCII)));
    }
}
