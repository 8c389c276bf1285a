package com.chirpchat.application.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

import com.chirpchat.application.common.UseCaseException;

/**
 * Slows down password guessing: after {@code maxFailures} failed logins for one username within
 * {@code window}, further attempts are refused until the oldest failure leaves the window. Kept in memory per
 * server instance, bounded to {@code maxTrackedNames} names (the least recently failed are forgotten first).
 */
public final class LoginThrottle {
    private final int maxFailures;
    private final Duration window;
    private final int maxTrackedNames;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures;

    public LoginThrottle(int maxFailures, Duration window, int maxTrackedNames, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.maxTrackedNames = maxTrackedNames;
        this.clock = clock;
        this.failures = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > LoginThrottle.this.maxTrackedNames;
            }
        };
    }

    public static LoginThrottle standard(Clock clock) {
        return new LoginThrottle(10, Duration.ofMinutes(15), 100_000, clock);
    }

    /** Refuses with RATE_LIMITED while the name has too many recent failures. */
    public synchronized void check(String username) {
        Deque<Instant> recent = recentFailures(username);
        if (recent != null && recent.size() >= maxFailures) {
            Duration wait = Duration.between(clock.instant(), recent.peekFirst().plus(window));
            throw UseCaseException.rateLimited("too many failed logins for this user; try again later",
                                               wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    public synchronized void failed(String username) {
        Deque<Instant> recent = recentFailures(username);
        if (recent == null) {
            recent = new ArrayDeque<>();
            failures.put(username, recent);
        }
        recent.addLast(clock.instant());
        while (recent.size() > maxFailures) {
            recent.removeFirst();
        }
    }

    public synchronized void succeeded(String username) {
        failures.remove(username);
    }

    private Deque<Instant> recentFailures(String username) {
        Deque<Instant> recent = failures.get(username);
        if (recent != null) {
            Instant cutoff = clock.instant().minus(window);
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
                recent.removeFirst();
            }
        }
        return recent;
    }
}
