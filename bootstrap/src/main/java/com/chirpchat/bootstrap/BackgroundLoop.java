package com.chirpchat.bootstrap;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Runs a background job on a virtual thread: rounds back to back while a round reports work done, a pause when
 * it reports none or fails (for instance while the database is unavailable).
 */
final class BackgroundLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BackgroundLoop.class.getName());

    private final String name;
    private final IntSupplier round;
    private final Duration pause;
    private final Thread thread;
    private volatile boolean running = true;

    private BackgroundLoop(String name, IntSupplier round, Duration pause) {
        this.name = name;
        this.round = round;
        this.pause = pause;
        this.thread = Thread.ofVirtual().name(name).unstarted(this::run);
    }

    /** Starts {@code round} (returning how much it did) in the background. */
    static BackgroundLoop start(String name, IntSupplier round, Duration pause) {
        BackgroundLoop loop = new BackgroundLoop(name, round, pause);
        loop.thread.start();
        return loop;
    }

    private void run() {
        while (running) {
            int done;
            try {
                done = round.getAsInt();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + " round failed; trying again in " + pause, e);
                done = 0;
            }
            if (done == 0 && !pause()) {
                return;
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
