package com.chirpchat.application.account;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.domain.user.UserId;

public final class AuthenticateService implements AuthenticateUseCase {
    private static final int MAX_REMEMBERED = 100_000;

    private final AccessTokenPort tokens;
    private final LoadUserPort users;
    private final RevokedSessions revoked;
    private final Clock clock;
    // accounts are never deleted, so a user once seen to exist keeps existing: remember them to spare a query
    private final Map<UserId, Boolean> knownUsers = new ConcurrentHashMap<>();

    public AuthenticateService(AccessTokenPort tokens, LoadUserPort users, RevokedSessions revoked, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.revoked = revoked;
        this.clock = clock;
    }

    @Override
    public AccessTokenPort.Claims authenticateSession(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty()) {
            throw UseCaseException.unauthenticated("an access token is required");
        }
        AccessTokenPort.Claims claims = tokens.verify(bearerToken)
                .orElseThrow(() -> UseCaseException.unauthenticated("the access token is invalid or expired"));
        if (revoked.isRevoked(claims.session())) {
            throw UseCaseException.unauthenticated("the access token's session has ended (logged out)");
        }
        UserId userId = claims.user();
        if (!knownUsers.containsKey(userId)) {
            // a valid signature over an id we don't have (e.g. the database was reset) proves nothing
            if (users.existing(List.of(userId)).isEmpty()) {
                throw UseCaseException.unauthenticated("the access token's user does not exist");
            }
            if (knownUsers.size() >= MAX_REMEMBERED) {
                knownUsers.clear();
            }
            knownUsers.put(userId, Boolean.TRUE);
        }
        return claims;
    }

    @Override
    public Standing standing(AccessTokenPort.Claims claims) {
        if (revoked.isRevoked(claims.session())) {
            return Standing.SESSION_ENDED;
        }
        return clock.instant().isBefore(claims.expiresAt()) ? Standing.VALID : Standing.EXPIRED;
    }
}
