package com.chirpchat.application.event;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import com.chirpchat.application.access.LoadMembershipPort;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;

/**
 * A chat with local listeners: its connections and the {@link ChatSequencer} feeding them, under one lock, so a
 * connection joins or leaves between two events, never during one. Membership events change who listens: a
 * {@code member_added} user's connections join before it is delivered, a {@code member_removed} user's
 * connections receive it and then leave. A stream whose last listener left closes for good (whoever holds it then
 * looks the chat up again) and is unfollowed once, outside the lock.
 */
final class ChatStream {
    private static final System.Logger LOG = System.getLogger(ChatStream.class.getName());

    private final ReentrantLock lock = new ReentrantLock();
    private final ChatId chatId;
    private final ChatStreams streams;
    private final SinkRegistry registry;
    private final ChatSequencer sequencer;
    /** Renderings the fanout brought with events not yet emitted, by seq (guarded by the lock). */
    private final Map<Long, OutboundEvent> prerendered = new HashMap<>();
    private final CatchUp catchUp;
    private final Set<EventSink> sinks = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean unfollowed = new AtomicBoolean();

    ChatStream(ChatId chatId, long cursor, ChatStreams streams, SinkRegistry registry, LiveSettings settings) {
        this.chatId = chatId;
        this.streams = streams;
        this.registry = registry;
        this.catchUp = settings.catchUp();
        this.sequencer = new ChatSequencer(chatId, cursor, settings.reorderWindow(), settings.scheduler(),
                                           this::windowClosed, settings.catchUp(), settings.metrics(), this::dispatch);
    }

    ChatId chatId() {
        return chatId;
    }

    /**
     * An event from the fanout, with its rendering when the fanout brought one (null otherwise); false when the
     * stream has closed and the caller must look again.
     */
    boolean offer(ChatEvent event, Object rendering) {
        return lockedCheck(() -> {
            if (sequencer.closed()) {
                return false;
            }
            if (rendering != null && event.seq() > sequencer.cursor()) {
                prerendered.put(event.seq(), new OutboundEvent(event, rendering));
            }
            sequencer.offer(event);
            return true;
        });
    }

    /**
     * Adds the connection of a user whose chats were read at {@code snapshotSeq}; false when the stream has closed
     * and the caller must look again. A stream already past the snapshot may have delivered the user's removal,
     * so membership is then asked again.
     */
    boolean attach(EventSink sink, long snapshotSeq, boolean fresh, LoadMembershipPort memberships) {
        return lockedCheck(() -> {
            if (sequencer.closed()) {
                return false;
            }
            boolean stillMember = fresh || sequencer.cursor() <= snapshotSeq
                    || memberships.roleOf(chatId, sink.userId()).isPresent();
            if (stillMember) {
                join(sink);
            }
            closeIfUnheard();
            return true;
        });
    }

    /**
     * Adds the connection of a user who joined the chat at {@code joinedSeq} without this stream hearing of it (the
     * fanout was cut off): it first gets, from storage and alone, what the stream delivered since then; false when
     * the stream has closed and the caller must look again.
     */
    boolean rejoin(EventSink sink, long joinedSeq) {
        return lockedCheck(() -> {
            if (sequencer.closed()) {
                return false;
            }
            if (!sinks.contains(sink)) {
                Missed missed = new Missed(sink, joinedSeq - 1);
                catchUp.replay(chatId, missed, sequencer.cursor());
                if (!missed.removed()) {
                    join(sink);
                }
            }
            closeIfUnheard();
            return true;
        });
    }

    void detach(EventSink sink) {
        locked(() -> {
            sinks.remove(sink);
            closeIfUnheard();
        });
    }

    /** Delivers what storage has beyond the cursor. */
    void catchUp() {
        locked(sequencer::catchUp);
    }

    /** The last seq delivered (read without the lock: it may be a moment old). */
    long delivered() {
        return sequencer.cursor();
    }

    /**
     * Delivers what storage has up to {@code head}, if the stream is still behind it; returns the
     * {@code member_added} events among what it read.
     */
    List<ChatEvent> catchUpTo(long head) {
        List<List<ChatEvent>> joins = new ArrayList<>(1);
        locked(() -> joins.add(sequencer.catchUpTo(head)));
        return joins.isEmpty() ? List.of() : joins.getFirst();
    }

    private void windowClosed(long timer) {
        locked(() -> sequencer.windowClosed(timer));
    }

    /** The sequencer's output, with the lock held. */
    private void dispatch(ChatEvent event) {
        if (event.data() instanceof EventData.MemberAdded added) {
            registry.connectionsOf(added.userId()).forEach(this::join);
        }
        OutboundEvent outbound = outbound(event);
        for (EventSink sink : sinks) {
            try {
                sink.deliver(outbound);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a connection failed to take an event", e);
            }
        }
        if (event.data() instanceof EventData.MemberRemoved removed) {
            sinks.removeIf(sink -> {
                if (!sink.userId().equals(removed.userId())) {
                    return false;
                }
                registry.left(sink, chatId);
                return true;
            });
        }
        closeIfUnheard();
    }

    /**
     * The event as it goes to the connections: with the rendering the fanout brought for exactly this event (the
     * sequencer emits the very object it was offered), else to be rendered once, on first use. Renderings of events
     * up to this one that were never emitted (duplicates, or replaced by what storage had) are forgotten.
     */
    private OutboundEvent outbound(ChatEvent event) {
        if (prerendered.isEmpty()) {
            return new OutboundEvent(event);
        }
        OutboundEvent brought = prerendered.remove(event.seq());
        if (!prerendered.isEmpty()) {
            prerendered.keySet().removeIf(seq -> seq <= event.seq());
        }
        return brought != null && brought.event() == event ? brought : new OutboundEvent(event);
    }

    /** Adds the connection unless it has been closed meanwhile. */
    private void join(EventSink sink) {
        if (registry.joined(sink, chatId)) {
            sinks.add(sink);
        }
    }

    private void closeIfUnheard() {
        if (sinks.isEmpty() && !sequencer.closed()) {
            sequencer.close();
            streams.remove(this);
        }
    }

    private void locked(Runnable action) {
        lockedCheck(() -> {
            action.run();
            return true;
        });
    }

    private boolean lockedCheck(BooleanSupplier action) {
        lock.lock();
        try {
            return action.getAsBoolean();
        } finally {
            lock.unlock();
            if (sequencer.closed() && unfollowed.compareAndSet(false, true)) {
                streams.unfollow(chatId);
            }
        }
    }
}
