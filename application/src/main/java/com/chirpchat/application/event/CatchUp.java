package com.chirpchat.application.event;

import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;

/**
 * Reads from storage the events a chat's stream has not delivered: those committed before the stream could hear
 * them, and those the fanout lost. Storage that fails is logged, not thrown: connections see the gap in sequence
 * numbers and fetch the missing events themselves.
 */
final class CatchUp {
    private static final System.Logger LOG = System.getLogger(CatchUp.class.getName());
    static final int PAGE = 500;
    /** Beyond this many missed events a connection is better served by catching up itself over HTTP. */
    static final int MAX_REPLAY = 5_000;
    /** Streams caught up side by side after a reconnect, to spare the database. */
    static final int PARALLELISM = 8;

    /** Where replayed events go: a chat's sequencer, whose lock the caller holds. */
    interface Target {
        /** The last sequence number delivered. */
        long cursor();

        boolean open();

        /** Delivers a stored event beyond the cursor. */
        void take(ChatEvent missed);
    }

    private final LoadChatEventsPort events;
    private final LiveMetrics metrics;

    CatchUp(LoadChatEventsPort events, LiveMetrics metrics) {
        this.events = events;
        this.metrics = metrics;
    }

    /**
     * Hands {@code target} the stored events after its cursor up to {@code upTo}, oldest first, at most
     * {@link #MAX_REPLAY}; false when storage failed on the way (logged), true when it answered every read.
     */
    boolean replay(ChatId chatId, Target target, long upTo) {
        int replayed = 0;
        try {
            while (target.open() && target.cursor() < upTo && replayed < MAX_REPLAY) {
                List<ChatEvent> page = events.eventsAfter(chatId, target.cursor(), PAGE);
                for (ChatEvent missed : page) {
                    if (missed.seq() > upTo || !target.open()) {
                        return true;
                    }
                    if (missed.seq() > target.cursor()) {
                        target.take(missed);
                        replayed++;
                        metrics.replayed();
                    }
                }
                if (page.size() < PAGE) {
                    return true;
                }
            }
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not replay missed events of chat " + chatId, e);
            return false;
        }
    }

    /**
     * Catches every stream up and returns when all are done. Streams are independent, so they catch up side by
     * side, a few at a time, instead of one after another.
     */
    static void all(Collection<ChatStream> streams) {
        Semaphore permits = new Semaphore(PARALLELISM);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ChatStream stream : List.copyOf(streams)) {
                permits.acquireUninterruptibly();
                workers.submit(() -> {
                    try {
                        stream.catchUp();
                    } finally {
                        permits.release();
                    }
                });
            }
        }
    }
}
