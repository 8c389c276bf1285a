package com.chirpchat.application.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.chirpchat.application.account.AccessTokenPort;
import com.chirpchat.application.account.SessionId;
import com.chirpchat.domain.user.UserId;

/** Tokens that are just "token:" + user id + ":" + session id + ":" + expiry (epoch ms); revoked ones stop verifying. */
public final class FakeAccessTokens implements AccessTokenPort {
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    public FakeAccessTokens(Clock clock) {
        this.clock = clock;
    }

    @Override
    public AccessToken issue(UserId userId, SessionId session) {
        long expires = clock.instant().plus(LIFETIME).toEpochMilli();
        return new AccessToken("token:" + userId + ":" + session + ":" + expires, LIFETIME);
    }

    @Override
    public Optional<Claims> verify(String token) {
        if (token == null || !token.startsWith("token:") || revoked.contains(token)) {
            return Optional.empty();
        }
        try {
            String[] parts = token.substring("token:".length()).split(":");
            if (parts.length != 3) {
                return Optional.empty();
            }
            Instant expires = Instant.ofEpochMilli(Long.parseLong(parts[2]));
            if (!clock.instant().isBefore(expires)) {
                return Optional.empty();
            }
            return Optional.of(new Claims(UserId.parse(parts[0]), SessionId.parse(parts[1]), expires));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Duration lifetime() {
        return LIFETIME;
    }

    public void revoke(String token) {
        revoked.add(token);
    }
}
