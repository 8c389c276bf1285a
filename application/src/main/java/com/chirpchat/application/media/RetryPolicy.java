package com.chirpchat.application.media;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a failed deletion again: exponential backoff from {@code initialDelay}, capped at {@code maxDelay},
 * with "equal jitter" (half the delay fixed, half random) so instances that failed together don't retry together;
 * after {@code maxAttempts} the task is dead-lettered. A claim lasts {@code lease} and is renewed while its worker is at
 * it, so a dead worker's tasks are claimed again {@code lease} after its last renewal.
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, int maxAttempts, Duration lease, int batchSize) {
    public static final Duration MIN_LEASE = Duration.ofSeconds(1);

    public RetryPolicy {
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays must be positive with maxDelay >= initialDelay");
        }
        if (maxAttempts < 1 || batchSize < 1) {
            throw new IllegalArgumentException("maxAttempts and batchSize must be positive");
        }
        if (lease.compareTo(MIN_LEASE) < 0) {
            // renewed every third of it while a batch is worked off: much shorter and the renewals are all it does
            throw new IllegalArgumentException("lease must be at least " + MIN_LEASE);
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10), 12, Duration.ofSeconds(10), 20);
    }

    /** The wait before the next try, after {@code attempts} failed ones (1 for the first failure). */
    public Duration delayAfter(int attempts, RandomGenerator random) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        long capped = Math.min(maxDelay.toMillis(), initialDelay.toMillis() << doublings);
        long half = capped / 2;
        return Duration.ofMillis(capped - half + random.nextLong(half + 1));
    }
}
