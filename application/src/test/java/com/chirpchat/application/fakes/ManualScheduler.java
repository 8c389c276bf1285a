package com.chirpchat.application.fakes;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

import com.chirpchat.application.event.TaskScheduler;

/**
 * A scheduler on a {@link MutableClock}: nothing runs until the test {@link #advance advances} it, and then every
 * task that has come due runs on the test's own thread, in order of due time. A test thus knows exactly what
 * "the window has not passed yet" and "the window has passed" mean.
 */
public final class ManualScheduler implements TaskScheduler {
    private final MutableClock clock;
    private final PriorityQueue<Due> due = new PriorityQueue<>();
    private long scheduled;
    private long ran;

    public ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        due.add(new Due(clock.instant().plus(delay), scheduled++, task));
    }

    /** Moves the clock on by {@code by} and runs every task due by then (including ones they schedule). */
    public void advance(Duration by) {
        clock.advance(by);
        for (Runnable task = nextDue(); task != null; task = nextDue()) {
            task.run();
            synchronized (this) {
                ran++;
            }
        }
    }

    /** Tasks waiting for their time. */
    public synchronized int pending() {
        return due.size();
    }

    /** Tasks run so far. */
    public synchronized long ran() {
        return ran;
    }

    private synchronized Runnable nextDue() {
        Due first = due.peek();
        if (first == null || first.at().isAfter(clock.instant())) {
            return null;
        }
        return due.poll().task();
    }

    private record Due(Instant at, long order, Runnable task) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
