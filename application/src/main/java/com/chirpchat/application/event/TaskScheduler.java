package com.chirpchat.application.event;

import java.time.Duration;

/**
 * Runs a task once, after a delay: the live router's only source of time, so that tests drive its reorder window
 * by hand instead of waiting for a wall clock.
 */
@FunctionalInterface
public interface TaskScheduler {
    /** Runs {@code task} once, {@code delay} from now, on another thread than the caller's; returns at once. */
    void schedule(Duration delay, Runnable task);

    /**
     * Each task on a virtual thread of its own that sleeps out the delay: nothing to shut down, and a task that
     * reads storage holds up no other.
     */
    static TaskScheduler virtualThreads() {
        return (delay, task) -> Thread.ofVirtual().name("chirpchat-live-timer").start(() -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // run it now rather than never: the task only catches up
            }
            task.run();
        });
    }
}
