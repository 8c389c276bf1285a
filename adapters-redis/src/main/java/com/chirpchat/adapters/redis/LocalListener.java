package com.chirpchat.adapters.redis;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

import com.chirpchat.application.event.ChatEventListener;
import com.chirpchat.domain.event.ChatEvent;

/**
 * This instance's listener (its router), called so that a failing listener never breaks the fanout: what it throws
 * is logged. Counts the catch-ups it was asked for.
 */
final class LocalListener {
    private static final System.Logger LOG = System.getLogger(LocalListener.class.getName());

    private final LongAdder catchUps = new LongAdder();
    private volatile ChatEventListener listener;

    void set(ChatEventListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    boolean isSet() {
        return listener != null;
    }

    /** {@code rendering}: the event's frame for connections, or null to have it rendered where it is delivered. */
    void hear(ChatEvent event, Object rendering) {
        ChatEventListener current = listener;
        if (current != null) {
            try {
                if (rendering == null) {
                    current.onEvent(event);
                } else {
                    current.onEvent(event, rendering);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the listener failed to take event " + event.chatId() + "#" + event.seq(), e);
            }
        }
    }

    /** Tells the listener to read from storage what it may have missed. */
    void catchUp() {
        catchUps.increment();
        ChatEventListener current = listener;
        if (current != null) {
            try {
                current.onReconnected();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the listener failed to catch up", e);
            }
        }
    }

    long catchUps() {
        return catchUps.sum();
    }
}
