package com.chirpchat.application.event;

import java.lang.System.Logger.Level;

import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;

/**
 * What one connection missed of a chat its user joined while the fanout was cut off, replayed from storage to it
 * alone (under the chat stream's lock); a removal among those events keeps the connection out of the chat.
 */
final class Missed implements CatchUp.Target {
    private static final System.Logger LOG = System.getLogger(Missed.class.getName());

    private final EventSink sink;
    private long cursor;
    private boolean removed;

    Missed(EventSink sink, long cursor) {
        this.sink = sink;
        this.cursor = cursor;
    }

    /** Whether the user was removed again among the missed events. */
    boolean removed() {
        return removed;
    }

    @Override
    public long cursor() {
        return cursor;
    }

    @Override
    public boolean open() {
        return !removed;
    }

    @Override
    public void take(ChatEvent missed) {
        cursor = missed.seq();
        try {
            sink.deliver(new OutboundEvent(missed));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a connection failed to take an event", e);
        }
        if (missed.data() instanceof EventData.MemberRemoved gone && gone.userId().equals(sink.userId())) {
            removed = true;
        }
    }
}
