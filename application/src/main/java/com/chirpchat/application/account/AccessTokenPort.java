package com.chirpchat.application.account;

import java.time.Duration;
import java.util.Optional;

import com.chirpchat.domain.user.UserId;

/** Issues and verifies the bearer tokens that prove who is calling. */
public interface AccessTokenPort {
    AccessToken issue(UserId userId);

    /** The user a valid, unexpired token was issued to; empty for anything else. */
    Optional<UserId> verify(String token);

    /** A token and how long it stays valid. */
    record AccessToken(String token, Duration expiresIn) {
    }
}
