package com.chirpchat.application.fakes;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.chirpchat.application.account.AccessTokenPort;
import com.chirpchat.domain.user.UserId;

/** Tokens that are just "token:" + user id; revoked ones stop verifying. */
public final class FakeAccessTokens implements AccessTokenPort {
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    @Override
    public AccessToken issue(UserId userId) {
        return new AccessToken("token:" + userId, Duration.ofMinutes(15));
    }

    @Override
    public Optional<UserId> verify(String token) {
        if (token == null || !token.startsWith("token:") || revoked.contains(token)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UserId.parse(token.substring("token:".length())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public void revoke(String token) {
        revoked.add(token);
    }
}
