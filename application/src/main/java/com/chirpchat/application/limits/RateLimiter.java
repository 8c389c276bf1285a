package com.chirpchat.application.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.chirpchat.application.common.UseCaseException;

/**
 * Sliding-window limits over a {@link RateCounterPort}: the estimate is the current window's count plus the previous
 * window's, weighted by how much of it still lies within one window of now, so there is no burst at a window's edge
 * and two counters per subject suffice. Time comes only from the clock (tests move it; nothing sleeps).
 */
public final class RateLimiter {
    private final RateCounterPort counters;
    private final Clock clock;

    public RateLimiter(RateCounterPort counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    /** How long until {@code subject} is below {@code limit} again; empty when it is now. */
    public Optional<Duration> exceeded(RateLimit limit, String subject) {
        Window now = window(limit);
        RateCounterPort.Counts counts = counters.counts(key(limit, subject), now.number);
        return estimate(counts, now) >= limit.max() ? Optional.of(wait(limit, counts, now)) : Optional.empty();
    }

    /** Refuses (RATE_LIMITED with the wait) when {@code amount} more would not fit {@code subject}'s allowance now. */
    public void check(RateLimit limit, String subject, long amount, String detail) {
        Window now = window(limit);
        RateCounterPort.Counts counts = counters.counts(key(limit, subject), now.number);
        if (estimate(counts, now) + amount > limit.max()) {
            throw UseCaseException.rateLimited(detail, amount > limit.max() ? limit.window() : wait(limit, counts, now, amount));
        }
    }

    /** Counts {@code amount} for {@code subject}, whatever the estimate. */
    public void record(RateLimit limit, String subject, long amount) {
        Window now = window(limit);
        counters.add(key(limit, subject), now.number, amount, ttl(limit));
    }

    /**
     * Takes {@code amount} of {@code subject}'s allowance, or refuses (RATE_LIMITED with the wait) taking nothing.
     * Counting first and giving back on refusal keeps two instances from both admitting the last unit.
     */
    public void consume(RateLimit limit, String subject, long amount, String detail) {
        Window now = window(limit);
        String key = key(limit, subject);
        long current = counters.add(key, now.number, amount, ttl(limit));
        RateCounterPort.Counts counts = new RateCounterPort.Counts(counters.counts(key, now.number).previous(), current);
        if (estimate(counts, now) > limit.max()) {
            counters.add(key, now.number, -amount, ttl(limit));
            RateCounterPort.Counts without = new RateCounterPort.Counts(counts.previous(), current - amount);
            throw UseCaseException.rateLimited(detail, amount > limit.max() ? limit.window() : wait(limit, without, now, amount));
        }
    }

    /** Gives back {@code amount} taken by {@link #consume} (a retry that turned out to change nothing). */
    public void giveBack(RateLimit limit, String subject, long amount) {
        record(limit, subject, -amount);
    }

    public void forget(RateLimit limit, String subject) {
        counters.clear(key(limit, subject), window(limit).number);
    }

    private Window window(RateLimit limit) {
        long millis = limit.window().toMillis();
        long now = clock.millis();
        return new Window(Math.floorDiv(now, millis), Math.floorMod(now, millis), millis);
    }

    private static double estimate(RateCounterPort.Counts counts, Window now) {
        double previousWeight = 1.0 - (double) now.elapsed / now.length;
        return Math.max(0, counts.previous()) * previousWeight + Math.max(0, counts.current());
    }

    private static Duration wait(RateLimit limit, RateCounterPort.Counts counts, Window now) {
        return wait(limit, counts, now, 0);
    }

    /**
     * Until {@code amount} more fits (for 0: until the estimate is below the limit), nothing else being counted
     * meanwhile: the estimate only falls, so the first such moment is found by bisection, rounded up to seconds.
     */
    private static Duration wait(RateLimit limit, RateCounterPort.Counts counts, Window now, long amount) {
        long low = 0;
        long high = 2 * now.length - now.elapsed; // by then both windows have passed
        while (low < high) {
            long mid = (low + high) >>> 1;
            double later = estimateAfter(counts, now, mid);
            boolean fits = amount == 0 ? later < limit.max() : later + amount <= limit.max();
            if (fits) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return Duration.ofSeconds(Math.max(1, (low + 999) / 1000));
    }

    /** The estimate {@code millis} from now if nothing more is counted. */
    private static double estimateAfter(RateCounterPort.Counts counts, Window now, long millis) {
        long at = now.elapsed + millis;
        if (at < now.length) {
            return estimate(counts, new Window(now.number, at, now.length));
        }
        if (at < 2 * now.length) {
            return estimate(new RateCounterPort.Counts(counts.current(), 0), new Window(now.number + 1, at - now.length, now.length));
        }
        return 0;
    }

    /** Two windows and a minute; added, not {@code multipliedBy(2)}, which goes through BigDecimal on every count. */
    private static Duration ttl(RateLimit limit) {
        return limit.window().plus(limit.window()).plusSeconds(60);
    }

    private static String key(RateLimit limit, String subject) {
        return limit.name() + ":" + subject;
    }

    private record Window(long number, long elapsed, long length) {
    }
}
