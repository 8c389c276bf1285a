package com.chirpchat.application.limits;

import java.time.Duration;
import java.util.Objects;

/** At most {@code max} (attempts, posts, bytes, ...) per {@code window}; {@code name} keeps its counters apart. */
public record RateLimit(String name, long max, Duration window) {
    public RateLimit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(window, "window");
        if (max < 1) {
            throw new IllegalArgumentException(name + ": the limit must be at least 1");
        }
        if (window.toMillis() < 1000) {
            throw new IllegalArgumentException(name + ": the window must be at least a second");
        }
    }
}
