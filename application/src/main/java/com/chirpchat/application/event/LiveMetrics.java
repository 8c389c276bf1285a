package com.chirpchat.application.event;

import java.util.concurrent.atomic.LongAdder;

/** What the live router counts: how often the fanout's order or completeness had to be repaired. */
final class LiveMetrics {
    private final LongAdder reordered = new LongAdder();
    private final LongAdder gapFills = new LongAdder();
    private final LongAdder replayed = new LongAdder();

    void reordered() {
        reordered.increment();
    }

    void gapFilled() {
        gapFills.increment();
    }

    void replayed() {
        replayed.increment();
    }

    long reorderedEvents() {
        return reordered.sum();
    }

    long gapFills() {
        return gapFills.sum();
    }

    long replayedEvents() {
        return replayed.sum();
    }
}
