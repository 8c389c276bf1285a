package com.chirpchat.application.account;

import java.time.Duration;

import com.chirpchat.application.limits.ClientAddress;
import com.chirpchat.application.limits.RateLimit;
import com.chirpchat.application.limits.RateLimiter;

/**
 * Registrations per client address: each costs a password hash (Argon2, deliberately expensive), so one address
 * may not make the server hash without bound, nor mint accounts by the thousand.
 */
public final class RegistrationThrottle {
    private static final RegistrationThrottle NONE = new RegistrationThrottle(null, null);

    private final RateLimiter limiter;
    private final RateLimit perAddress;

    private RegistrationThrottle(RateLimiter limiter, RateLimit perAddress) {
        this.limiter = limiter;
        this.perAddress = perAddress;
    }

    public static RegistrationThrottle of(RateLimiter limiter, int perAddress, Duration window) {
        return new RegistrationThrottle(limiter, new RateLimit("register-a", perAddress, window));
    }

    /** No limit (tests of other things). */
    public static RegistrationThrottle none() {
        return NONE;
    }

    /** Takes one registration of {@code from}'s allowance, or refuses with RATE_LIMITED. */
    void take(ClientAddress from) {
        if (limiter != null) {
            limiter.consume(perAddress, from.value(), 1, "too many registrations from your address; try again later");
        }
    }
}
