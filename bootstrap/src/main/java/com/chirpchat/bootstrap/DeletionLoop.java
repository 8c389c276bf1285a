package com.chirpchat.bootstrap;

import java.lang.System.Logger.Level;
import java.time.Duration;

import com.chirpchat.application.media.MediaDeletionWorker;

/**
 * Runs the media deletion worker in the background: batches back to back while there is work, a pause when
 * there is none or when the database itself is unavailable.
 */
final class DeletionLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DeletionLoop.class.getName());

    private final MediaDeletionWorker worker;
    private final Duration pollInterval;
    private final Thread thread;
    private volatile boolean running = true;

    private DeletionLoop(MediaDeletionWorker worker, Duration pollInterval) {
        this.worker = worker;
        this.pollInterval = pollInterval;
        this.thread = Thread.ofVirtual().name("media-deletions").unstarted(this::run);
    }

    static DeletionLoop start(MediaDeletionWorker worker, Duration pollInterval) {
        DeletionLoop loop = new DeletionLoop(worker, pollInterval);
        loop.thread.start();
        return loop;
    }

    private void run() {
        while (running) {
            int claimed;
            try {
                claimed = worker.runOnce();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "media deletion round failed; trying again in " + pollInterval, e);
                claimed = 0;
            }
            if (claimed == 0 && !pause()) {
                return;
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(pollInterval);
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
