package com.chirpchat.application.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

import com.chirpchat.application.common.IdGenerator;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.domain.user.UserId;

/**
 * Login sessions: started by a login, extended by refreshing, ended by logout. A refresh token is 32 random bytes
 * (base64url) of which the store keeps only the SHA-256 (they are unguessable, so no salt is needed); each works
 * once. A used one presented again means it was copied: the session ends (the whole "family" of its tokens),
 * whoever holds the newest one.
 */
public final class SessionService implements RefreshSessionUseCase, LogOutUseCase {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionStorePort store;
    private final AccessTokenPort tokens;
    private final RevokedSessions revoked;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration refreshLifetime;

    public SessionService(SessionStorePort store, AccessTokenPort tokens, RevokedSessions revoked, IdGenerator ids,
                          Clock clock, Duration refreshLifetime) {
        if (refreshLifetime.compareTo(tokens.lifetime()) < 0) {
            throw new IllegalArgumentException("the refresh token lifetime must be at least the access token's");
        }
        this.store = store;
        this.tokens = tokens;
        this.revoked = revoked;
        this.ids = ids;
        this.clock = clock;
        this.refreshLifetime = refreshLifetime;
    }

    /** A new session for a user who just proved who they are. */
    public SessionTokens start(UserId user) {
        SessionId session = new SessionId(ids.next());
        Instant now = clock.instant();
        String refresh = newRefreshToken();
        store.start(session, user, new SessionStorePort.RefreshToken(hash(refresh), now.plus(refreshLifetime)), now);
        return new SessionTokens(tokens.issue(user, session), refresh, refreshLifetime);
    }

    @Override
    public SessionTokens refresh(String refreshToken) {
        if (refreshToken == null || !TOKEN.matcher(refreshToken).matches()) {
            throw UseCaseException.unauthenticated("the refresh token is invalid");
        }
        Instant now = clock.instant();
        String next = newRefreshToken();
        SessionStorePort.Exchange found = store.exchange(hash(refreshToken),
                                                         new SessionStorePort.RefreshToken(hash(next), now.plus(refreshLifetime)),
                                                         now);
        return switch (found) {
            case SessionStorePort.Exchange.Exchanged ok ->
                    new SessionTokens(tokens.issue(ok.user(), ok.session()), next, refreshLifetime);
            case SessionStorePort.Exchange.Reused reused -> {
                end(reused.session(), "refresh_token_reused", now);
                throw UseCaseException.unauthenticated("this refresh token was used before; its session has been ended");
            }
            case SessionStorePort.Exchange.Ended ended ->
                    throw UseCaseException.unauthenticated("the session has ended or the refresh token expired");
            case SessionStorePort.Exchange.Unknown unknown ->
                    throw UseCaseException.unauthenticated("the refresh token is invalid");
        };
    }

    @Override
    public void logOut(AccessTokenPort.Claims caller) {
        end(caller.session(), "logout", clock.instant());
    }

    @Override
    public void logOutEverywhere(UserId user) {
        Instant now = clock.instant();
        store.revokeAll(user, "logout_all", now).forEach(session -> revoked.add(session, now));
    }

    /**
     * Forgets refresh tokens expired a day ago and sessions ended (revoked, or left without tokens) long enough
     * ago that no instance still needs them: an hour more than an access token lives. Returns how many rows went.
     */
    public int forgetEnded() {
        Instant now = clock.instant();
        return store.forget(now.minus(Duration.ofDays(1)), now.minus(tokens.lifetime()).minus(Duration.ofHours(1)));
    }

    private void end(SessionId session, String reason, Instant now) {
        store.revoke(session, reason, now);
        revoked.add(session, now); // at once here; other instances within a poll
    }

    private static String newRefreshToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What the store keeps of a refresh token. */
    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
