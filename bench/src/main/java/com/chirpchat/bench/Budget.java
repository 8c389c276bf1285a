package com.chirpchat.bench;

import java.time.Duration;

/** The run's time budget: sections and steps start only if they fit. */
final class Budget {
    private final long start = System.nanoTime();
    private final long deadline;

    Budget(Duration budget) {
        this.deadline = start + budget.toNanos();
    }

    boolean allows(double seconds) {
        return System.nanoTime() + (long) (seconds * 1e9) < deadline;
    }

    /** Whether {@code seconds} more fit before {@code fraction} of the budget is used (a section's share). */
    boolean allowsWithin(double fraction, double seconds) {
        long sectionEnd = start + (long) (fraction * (deadline - start));
        return System.nanoTime() + (long) (seconds * 1e9) < Math.min(sectionEnd, deadline);
    }

    double remainingSeconds() {
        return (deadline - System.nanoTime()) / 1e9;
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
