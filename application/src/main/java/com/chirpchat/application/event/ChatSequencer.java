package com.chirpchat.application.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;

/**
 * Puts one chat's events in sequence order, each once, without gaps. Its cursor is the last sequence number
 * delivered. An event at the cursor or below is a duplicate and is dropped. An event beyond the next number
 * overtook others (publishers racing after commit, two instances publishing to one chat) or the fanout lost some:
 * it is held for the reorder window, and when the missing ones arrive meanwhile all are delivered in order
 * without touching storage; when the window closes first, the missing ones are read from storage. Should storage
 * fail, the read is tried again a few times, backing off ({@link #FILL_ATTEMPTS}); only then are the held events
 * delivered anyway: connections see the gap and fetch the rest themselves.
 * <p>
 * Not thread-safe: its stream's lock guards every call, {@link Output#emit} included. Time comes only from the
 * {@link TaskScheduler}, which must call back {@code onWindowClosed} with the timer's number (under that lock) when
 * the window has passed. Each gap gets a timer of its own: a timer is never cancelled, so the one armed for a gap
 * that closed by itself still comes due later, and were it taken for a newer gap's, that gap would be filled from
 * storage before its window had passed (a read for an event that was on its way); such a stale timer is ignored.
 */
final class ChatSequencer implements CatchUp.Target {
    /** Early events held; beyond this the gap is filled from storage at once. */
    static final int MAX_EARLY = 1_000;
    /**
     * Reads of a gap that storage may fail before the held events go out across it: each failed read is tried again
     * after twice the previous wait (window, 2, 4, 8, 16 windows: 0.8 s in all with the default window), so a dropped
     * database connection (retried by the pool) costs a short wait instead of a hole in every connection's stream.
     */
    static final int FILL_ATTEMPTS = 5;

    /** Receives the events in order; may {@link #close} the sequencer. */
    @FunctionalInterface
    interface Output {
        void emit(ChatEvent event);
    }

    private final ChatId chatId;
    private final Duration window;
    private final TaskScheduler scheduler;
    private final LongConsumer onWindowClosed;
    private final CatchUp catchUp;
    private final LiveMetrics metrics;
    private final Output output;
    /** Events beyond cursor + 1, waiting for the ones they overtook. */
    private final TreeMap<Long, ChatEvent> early = new TreeMap<>();
    /** Written under the stream's lock; read without it by the {@link CommitWatch}. */
    private volatile long cursor;
    /** The number of the timer armed for the current gap; timers with an older number are stale. */
    private long timer;
    private boolean timerArmed;
    /** Reads of the current gap that storage failed. */
    private int failedFills;
    private volatile boolean closed;

    ChatSequencer(ChatId chatId, long cursor, Duration window, TaskScheduler scheduler, LongConsumer onWindowClosed,
                  CatchUp catchUp, LiveMetrics metrics, Output output) {
        this.chatId = chatId;
        this.cursor = cursor;
        this.window = window;
        this.scheduler = scheduler;
        this.onWindowClosed = onWindowClosed;
        this.catchUp = catchUp;
        this.metrics = metrics;
        this.output = output;
    }

    /** An event from the fanout. */
    void offer(ChatEvent event) {
        if (closed) {
            return;
        }
        if (event.seq() > cursor + 1) {
            hold(event);
        } else if (event.seq() > cursor) {
            emit(event);
            deliverEarly();
        }
    }

    /** Delivers what storage has beyond the cursor: events committed before the stream could hear them. */
    void catchUp() {
        if (!closed) {
            catchUp.replay(chatId, this, Long.MAX_VALUE);
            deliverEarly();
        }
    }

    /**
     * Storage has events up to {@code head} that the stream has not delivered: reads and delivers them; returns the
     * {@code member_added} events among them (their users' instances may not have heard of them either).
     */
    List<ChatEvent> catchUpTo(long head) {
        if (closed || cursor >= head) {
            return List.of();
        }
        List<ChatEvent> joins = new ArrayList<>();
        catchUp.replay(chatId, new CatchUp.Target() {
            @Override
            public long cursor() {
                return cursor;
            }

            @Override
            public boolean open() {
                return !closed;
            }

            @Override
            public void take(ChatEvent missed) {
                if (missed.data() instanceof EventData.MemberAdded) {
                    joins.add(missed);
                }
                emit(missed);
            }
        }, head);
        deliverEarly();
        return joins;
    }

    /**
     * The reorder window of timer {@code number}, armed by the first event held for a gap, has passed: whatever is
     * still missing is read from storage. A timer of a gap that has closed since is ignored.
     */
    void windowClosed(long number) {
        if (number != timer || !timerArmed) {
            return; // its gap closed by itself; the current one (if any) has a timer of its own
        }
        timerArmed = false;
        if (!closed) {
            fillGap();
        }
    }

    /** Stops for good: nothing more is emitted, held events are forgotten. */
    void close() {
        closed = true;
        early.clear();
    }

    boolean closed() {
        return closed;
    }

    @Override
    public long cursor() {
        return cursor;
    }

    @Override
    public boolean open() {
        return !closed;
    }

    @Override
    public void take(ChatEvent missed) {
        emit(missed);
    }

    /** {@code event} overtook others: hold it for the window, or fill the gap now. */
    private void hold(ChatEvent event) {
        early.putIfAbsent(event.seq(), event);
        if (window.isZero() || early.size() > MAX_EARLY) {
            fillGap();
        } else if (!timerArmed) {
            arm(window);
        }
    }

    private void arm(Duration delay) {
        timerArmed = true;
        long number = ++timer;
        scheduler.schedule(delay, () -> onWindowClosed.accept(number));
    }

    /** Reads from storage what the held events overtook and delivers everything in order. */
    private void fillGap() {
        if (early.isEmpty()) {
            return;
        }
        if (failedFills == 0) {
            metrics.gapFilled(); // once per gap, however often storage is asked
        }
        boolean answered = catchUp.replay(chatId, this, early.lastKey() - 1);
        deliverEarly();
        if (!answered && !early.isEmpty() && !closed && !window.isZero() && early.size() <= MAX_EARLY
                && ++failedFills < FILL_ATTEMPTS) {
            arm(window.multipliedBy(1L << failedFills)); // storage failed: hold on and read again, rather than skip
            return;
        }
        failedFills = 0;
        while (!early.isEmpty() && !closed) {
            ChatEvent next = early.pollFirstEntry().getValue();
            if (next.seq() > cursor) {
                emit(next);
            }
        }
        if (early.isEmpty()) {
            timerArmed = false; // its timer, when it comes due, is stale
        }
    }

    /** Delivers held events that are next in line, and forgets those already delivered; no gap left, no timer. */
    private void deliverEarly() {
        while (!early.isEmpty() && !closed) {
            Map.Entry<Long, ChatEvent> first = early.firstEntry();
            if (first.getKey() <= cursor) {
                early.pollFirstEntry();
            } else if (first.getKey() == cursor + 1) {
                early.pollFirstEntry();
                metrics.reordered();
                emit(first.getValue());
            } else {
                break;
            }
        }
        if (early.isEmpty()) {
            timerArmed = false; // its timer, when it comes due, is stale
            failedFills = 0;
        }
    }

    private void emit(ChatEvent event) {
        cursor = event.seq();
        output.emit(event);
    }
}
