package com.chirpchat.adapters.http.security;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.chirpchat.application.account.AccessTokenPort;
import com.chirpchat.application.account.SessionId;
import com.chirpchat.domain.user.UserId;

import io.helidon.common.Errors;
import io.helidon.config.Config;
import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.JwtValidator;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.JwkOctet;

/**
 * Access tokens as HS256-signed JWTs (Helidon's JWT support): {@code sub} is the user id, {@code sid} the login
 * session (what logout ends), with {@code iss}, {@code aud}, {@code iat}, {@code exp} and a {@code jti}. Verification accepts exactly what {@link #issue} makes:
 * the header must say HS256 (so {@code none}, other HMACs and public-key algorithms are refused before any key is
 * touched), the signature must match, and expiry, issue time, issuer audience and session are all required and checked.
 * <p>
 * Configuration ({@code chirpchat.auth}): {@code jwt-secret} (base64, at least 32 bytes; when absent a secret
 * is generated once and kept in {@code <dataDir>/jwt-secret.key}, readable by its owner only), {@code issuer}
 * ({@code chirpchat}), {@code audience} ({@code chirpchat-clients}), {@code token-ttl} ({@code PT15M}: short, since a refresh token gets the next one).
 */
public final class JwtAccessTokens implements AccessTokenPort {
    /** Name of the generated secret's file inside the data directory. */
    public static final String SECRET_FILE = "jwt-secret.key";
    static final String ALGORITHM = JwkOctet.ALG_HS256;
    static final int MIN_SECRET_BYTES = 32;
    /** Access tokens are short-lived: a refresh token gets the next one. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    static final String SESSION_CLAIM = "sid";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final int MAX_TOKEN_LENGTH = 4096;
    /** Tokens remembered as verified; beyond this, expired ones are dropped, then all if need be. */
    static final int MAX_REMEMBERED = 10_000;

    private final JwkOctet key;
    private final String keyId;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Clock clock;
    /**
     * Tokens that passed full verification, with the time span in which they stay valid. A client sends the same
     * token with every request, and parsing and checking it again costs more than the rest of a small request; the
     * whole token string is the key, so any change to it is a miss and is verified from scratch.
     */
    private final ConcurrentHashMap<String, Verified> remembered = new ConcurrentHashMap<>();

    private JwtAccessTokens(byte[] secret, String issuer, String audience, Duration ttl, Clock clock) {
        this.keyId = keyId(secret);
        this.key = JwkOctet.create(jakarta.json.Json.createObjectBuilder()
                                           .add("kty", "oct")
                                           .add("alg", ALGORITHM)
                                           .add("use", "sig")
                                           .add("kid", keyId)
                                           .add("k", Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
                                           .build());
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * @param authConfig the {@code chirpchat.auth} node
     * @param dataDir    where a generated secret is kept when none is configured
     */
    public static JwtAccessTokens create(Config authConfig, Path dataDir, Clock clock) {
        byte[] secret = authConfig.get("jwt-secret").asString().asOptional()
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .map(value -> SecretKeyFile.decode(value, MIN_SECRET_BYTES, "chirpchat.auth.jwt-secret"))
                .orElseGet(() -> SecretKeyFile.loadOrCreate(dataDir.resolve(SECRET_FILE), MIN_SECRET_BYTES));
        Duration ttl = authConfig.get("token-ttl").as(Duration.class).orElse(DEFAULT_TTL);
        if (ttl.isNegative() || ttl.toSeconds() < 1) {
            throw new IllegalStateException("chirpchat.auth.token-ttl must be at least one second");
        }
        return new JwtAccessTokens(secret,
                                   authConfig.get("issuer").asString().orElse("chirpchat"),
                                   authConfig.get("audience").asString().orElse("chirpchat-clients"),
                                   ttl,
                                   clock);
    }

    @Override
    public AccessToken issue(UserId userId, SessionId session) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Jwt jwt = Jwt.builder()
                .algorithm(ALGORITHM)
                .keyId(keyId)
                .type("JWT")
                .issuer(issuer)
                .addAudience(audience)
                .subject(userId.toString())
                .issueTime(now)
                .expirationTime(now.plus(ttl))
                .jwtId(UUID.randomUUID().toString())
                .addPayloadClaim(SESSION_CLAIM, session.toString())
                .build();
        return new AccessToken(SignedJwt.sign(jwt, key).tokenContent(), ttl);
    }

    @Override
    public Optional<Claims> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        Verified known = remembered.get(token);
        if (known != null) {
            Instant now = clock.instant();
            if (!now.isBefore(known.from()) && now.isBefore(known.until())) {
                return Optional.of(known.claims());
            }
            remembered.remove(token, known);
        }
        try {
            SignedJwt signed = SignedJwt.parseToken(token);
            Jwt jwt = signed.getJwt();
            if (!ALGORITHM.equals(jwt.algorithm().orElse(null))
                    || jwt.keyId().map(kid -> !kid.equals(keyId)).orElse(false)
                    || jwt.headerClaim("crit").isPresent()
                    || !key.verifySignature(signed.getSignedBytes(), signed.getSignature())) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            Errors errors = JwtValidator.builder()
                    .addExpirationValidator(v -> v.now(now).allowedTimeSkew(CLOCK_SKEW).mandatory(true))
                    .addIssueTimeValidator(v -> v.now(now).allowedTimeSkew(CLOCK_SKEW).mandatory(true))
                    .addNotBeforeValidator(v -> v.now(now).allowedTimeSkew(CLOCK_SKEW))
                    .addIssuerValidator(issuer, true)
                    .addAudienceValidator(v -> v.addExpectedAudience(audience).mandatory(true))
                    .build()
                    .validate(jwt);
            if (!errors.isValid() || jwt.jwtId().isEmpty()) {
                return Optional.empty();
            }
            Optional<String> session = jwt.payloadClaim(SESSION_CLAIM)
                    .filter(value -> value instanceof jakarta.json.JsonString)
                    .map(value -> ((jakarta.json.JsonString) value).getString());
            if (jwt.subject().isEmpty() || session.isEmpty() || jwt.expirationTime().isEmpty()) {
                return Optional.empty(); // a token without a session (issued before sessions) cannot be logged out
            }
            Claims claims = new Claims(UserId.parse(jwt.subject().get()), SessionId.parse(session.get()),
                                       jwt.expirationTime().get());
            remember(token, claims, jwt, now);
            return Optional.of(claims);
        } catch (RuntimeException e) {
            return Optional.empty(); // malformed in some way: not a token of ours
        }
    }

    /** Remembers a verified token for the span in which the validators above would accept it again. */
    private void remember(String token, Claims claims, Jwt jwt, Instant now) {
        Instant issued = jwt.issueTime().orElse(now);
        Instant from = jwt.notBefore().filter(issued::isBefore).orElse(issued).minus(CLOCK_SKEW);
        Instant until = jwt.expirationTime().orElse(now).plus(CLOCK_SKEW);
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.values().removeIf(v -> !now.isBefore(v.until()));
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
        }
        remembered.put(token, new Verified(claims, from, until));
    }

    @Override
    public Duration lifetime() {
        return ttl;
    }

    /** Tokens currently remembered as verified (for tests). */
    int remembered() {
        return remembered.size();
    }

    private record Verified(Claims claims, Instant from, Instant until) {
    }

    /** Names the key after its hash, so tokens signed with an earlier secret are recognisably someone else's. */
    private static String keyId(byte[] secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
            return "chirpchat-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "JwtAccessTokens[issuer=" + issuer + ", audience=" + audience + ", ttl=" + ttl + ", kid=" + keyId + "]";
    }
}
