package com.chirpchat.adapters.redis;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import com.chirpchat.domain.event.ChatEvent;
import io.lettuce.core.pubsub.RedisPubSubAdapter;

/**
 * What the subscribed connection brings, on lettuce's event loop: subscription confirmations go to
 * {@link Subscriptions}; messages from other instances are queued on a {@link SerialLanes} lane per channel and
 * decoded and handed to the listener there, on a virtual thread. Nothing here blocks. When the lanes overflow,
 * messages are dropped and, once the backlog is gone, {@code catchUp} runs so the listener reads them from storage.
 */
final class Inbound extends RedisPubSubAdapter<String, byte[]> {
    private static final System.Logger LOG = System.getLogger(Inbound.class.getName());

    private final String origin;
    private final Subscriptions subscriptions;
    private final SerialLanes lanes;
    private final LocalListener listener;
    private final BooleanSupplier closed;
    private final Runnable catchUp;
    private final LongAdder dropped;
    private final LongAdder received = new LongAdder();
    private final AtomicBoolean overflowed = new AtomicBoolean();

    Inbound(String origin, Subscriptions subscriptions, SerialLanes lanes, LocalListener listener,
            BooleanSupplier closed, Runnable catchUp, LongAdder dropped) {
        this.origin = origin;
        this.subscriptions = subscriptions;
        this.lanes = lanes;
        this.listener = listener;
        this.closed = closed;
        this.catchUp = catchUp;
        this.dropped = dropped;
    }

    long received() {
        return received.sum();
    }

    @Override
    public void message(String channel, byte[] message) {
        take(channel, message);
    }

    @Override
    public void smessage(String shardChannel, byte[] message) {
        take(shardChannel, message);
    }

    @Override
    public void subscribed(String channel, long count) {
        subscriptions.confirmed(channel);
    }

    @Override
    public void ssubscribed(String shardChannel, long count) {
        subscriptions.confirmed(shardChannel);
    }

    private void take(String channel, byte[] payload) {
        if (payload == EnvelopeCodec.OWN) {
            return; // our own, delivered when it was published: told by its first bytes, not even copied
        }
        Envelope envelope;
        try {
            envelope = Envelope.decode(payload);
        } catch (IllegalArgumentException e) {
            dropped.increment();
            LOG.log(Level.DEBUG, () -> "ignoring a foreign message on " + channel + ": " + e.getMessage());
            return;
        }
        if (envelope.origin().equals(origin)) {
            return; // our own in an earlier format (never written by this version)
        }
        if (!lanes.submit(channel, () -> deliver(envelope))) {
            dropped.increment();
            if (overflowed.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "the listener is falling behind Redis; dropping messages and catching up afterwards");
            }
        }
    }

    /** On a lane's virtual thread. */
    private void deliver(Envelope envelope) {
        if (listener.isSet() && !closed.getAsBoolean()) {
            ChatEvent event = null;
            try {
                event = envelope.event();
            } catch (IllegalArgumentException e) {
                dropped.increment();
                LOG.log(Level.WARNING, "ignoring an unreadable event from " + envelope.origin() + ": " + e.getMessage());
            }
            if (event != null) {
                received.increment();
                // the publisher's rendering, framed here: the event is not rendered again on this instance
                listener.hear(event, envelope.frame().orElse(null));
            }
        }
        if (overflowed.get() && lanes.waiting() == 0 && overflowed.compareAndSet(true, false)) {
            catchUp.run(); // what was dropped is read from storage
        }
    }
}
