package com.chirpchat.application.account;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.limits.ClientAddress;
import com.chirpchat.application.limits.RateLimit;
import com.chirpchat.application.limits.RateLimiter;

/**
 * Slows password guessing without handing anyone a lockout: failures are counted per (username, client address)
 * and per client address, never per username alone. So an attacker's address is throttled (for one username after
 * a few failures, for every username after more), while the account's owner, from an address that has not failed,
 * still logs in with the right password. A success forgets that address's failures for that username. Counters
 * live behind the {@code RateCounterPort}: shared across instances when that is Redis.
 */
public final class LoginThrottle {
    private final RateLimiter limiter;
    private final RateLimit perUserAndAddress;
    private final RateLimit perAddress;

    public LoginThrottle(RateLimiter limiter, Settings settings) {
        this.limiter = limiter;
        this.perUserAndAddress = new RateLimit("login-fail-ua", settings.failuresPerUserAndAddress(), settings.window());
        this.perAddress = new RateLimit("login-fail-a", settings.failuresPerAddress(), settings.window());
    }

    /**
     * @param failuresPerUserAndAddress failed logins for one username from one address within {@code window}
     * @param failuresPerAddress        failed logins from one address, whatever the usernames, within {@code window}
     */
    public record Settings(int failuresPerUserAndAddress, int failuresPerAddress, Duration window) {
        public static Settings defaults() {
            return new Settings(5, 30, Duration.ofMinutes(15));
        }
    }

    /** Refuses with RATE_LIMITED while this address may not try (for this username, or at all). */
    public void check(String username, ClientAddress from) {
        Optional<Duration> wait = limiter.exceeded(perAddress, from.value());
        if (wait.isPresent()) {
            throw UseCaseException.rateLimited("too many failed logins from your address; try again later", wait.get());
        }
        wait = limiter.exceeded(perUserAndAddress, pair(username, from));
        if (wait.isPresent()) {
            throw UseCaseException.rateLimited("too many failed logins for this user from your address; try again later",
                                               wait.get());
        }
    }

    public void failed(String username, ClientAddress from) {
        limiter.record(perUserAndAddress, pair(username, from), 1);
        limiter.record(perAddress, from.value(), 1);
    }

    public void succeeded(String username, ClientAddress from) {
        limiter.forget(perUserAndAddress, pair(username, from));
    }

    private static String pair(String username, ClientAddress from) {
        // usernames are compared as typed, bounded: a key per attempt is the counter store's memory, not ours
        String name = username.length() > 64 ? username.substring(0, 64) : username;
        return name.toLowerCase(Locale.ROOT) + "@" + from.value();
    }
}
