package com.chirpchat.application.limits;

import java.time.Duration;

/**
 * Counters in numbered time windows, shared by every instance that shares the adapter (in-process: this instance;
 * Redis: all of them). Window numbers come from the application's clock; the adapter only keeps a window's count
 * for at least {@code ttl} and then may forget it.
 */
public interface RateCounterPort {
    /**
     * Adds {@code amount} (negative to give some back) to counter {@code key} in window {@code window}.
     *
     * @return the window's total after adding
     */
    long add(String key, long window, long amount, Duration ttl);

    /** The totals of counter {@code key} in windows {@code window - 1} and {@code window}, read together. */
    Counts counts(String key, long window);

    /** Forgets counter {@code key} in windows {@code window - 1} and {@code window}. */
    void clear(String key, long window);

    record Counts(long previous, long current) {
    }
}
