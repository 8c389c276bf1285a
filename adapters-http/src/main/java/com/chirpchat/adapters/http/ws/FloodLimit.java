package com.chirpchat.adapters.http.ws;

import java.util.function.LongSupplier;

/**
 * The client flood limit: a token bucket of {@code burst} frames refilled at {@code perSecond}. Read side only
 * (the connection's one thread); time comes from {@code nanoTime}, so tests can drive it.
 */
final class FloodLimit {
    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    FloodLimit(int perSecond, int burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** Counts one frame; false when the client has sent more than the limit allows. */
    boolean allowsAnother() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perSecond / 1e9);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
