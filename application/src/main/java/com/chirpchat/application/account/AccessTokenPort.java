package com.chirpchat.application.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.chirpchat.domain.user.UserId;

/** Issues and verifies the short-lived bearer tokens that prove who is calling, and in which session. */
public interface AccessTokenPort {
    AccessToken issue(UserId userId, SessionId session);

    /** What a valid, unexpired token of ours says; empty for anything else. */
    Optional<Claims> verify(String token);

    /** How long an issued token is valid. */
    Duration lifetime();

    /** A token and how long it stays valid. */
    record AccessToken(String token, Duration expiresIn) {
    }

    /** Whose token it is, of which session, and when it expires. */
    record Claims(UserId user, SessionId session, Instant expiresAt) {
    }
}
