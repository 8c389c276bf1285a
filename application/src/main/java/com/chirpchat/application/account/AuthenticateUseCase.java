package com.chirpchat.application.account;

import com.chirpchat.domain.user.UserId;

/** Tells who a bearer token belongs to, and whether a token once accepted still holds. */
public interface AuthenticateUseCase {
    /** @throws com.chirpchat.application.common.UseCaseException UNAUTHENTICATED for a bad, expired or orphaned token */
    default UserId authenticate(String bearerToken) {
        return authenticateSession(bearerToken).user();
    }

    /**
     * The token's user, session and expiry.
     *
     * @throws com.chirpchat.application.common.UseCaseException UNAUTHENTICATED for a bad or expired token, one of
     *         an ended session, or one whose user does not exist
     */
    AccessTokenPort.Claims authenticateSession(String bearerToken);

    /** Whether a token accepted earlier still holds now (for connections that outlive a request). */
    Standing standing(AccessTokenPort.Claims claims);

    enum Standing {
        /** Unexpired, and its session is live. */
        VALID,
        /** The token's time is up. */
        EXPIRED,
        /** Its session was logged out (here or on another instance) or revoked. */
        SESSION_ENDED
    }
}
