package com.chirpchat.adapters.redis;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import com.chirpchat.adapters.redis.PendingResends.Pending;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.wire.EventCodec;
import com.chirpchat.wire.EventFrame;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Publishes events: to the chat's channel, and membership events also to the member's channel. Never throws and
 * never waits: a message that cannot be published is counted, and the newest per channel and chat is kept to be
 * published again once Redis answers (see {@link PendingResends}).
 */
final class Outbound {
    private static final System.Logger LOG = System.getLogger(Outbound.class.getName());
    /** Chats whose failed events are kept for publishing again. */
    static final int MAX_PENDING_RESENDS = 10_000;

    private final Channels channels;
    private final String origin;
    private final boolean sharded;
    private final Supplier<StatefulRedisConnection<String, byte[]>> publisher;
    private final LongAdder dropped;
    private final PendingResends resends = new PendingResends(MAX_PENDING_RESENDS);
    private final LongAdder published = new LongAdder();
    private final LongAdder resent = new LongAdder();
    private final AtomicBoolean failing = new AtomicBoolean();

    Outbound(Channels channels, String origin, boolean sharded,
             Supplier<StatefulRedisConnection<String, byte[]>> publisher, LongAdder dropped) {
        this.channels = channels;
        this.origin = origin;
        this.sharded = sharded;
        this.publisher = publisher;
        this.dropped = dropped;
    }

    /** {@code frame}: the event rendered for clients, carried along so receivers need not render it again. */
    void publish(ChatEvent event, EventFrame frame) {
        try {
            byte[] payload = Envelope.encode(origin, EventCodec.encodeBytes(event), frame);
            send(new Pending(channels.chat(event.chatId()), event.chatId(), event.seq(), payload), false);
            event.data().memberConcerned().ifPresent(
                    user -> send(new Pending(channels.user(user), event.chatId(), event.seq(), payload), false));
        } catch (RuntimeException e) {
            dropped.increment();
            LOG.log(Level.WARNING, "could not publish event " + event.chatId() + "#" + event.seq(), e);
        }
    }

    /** Publishes again what failed before; call when the command connection is up. */
    void sendAgain() {
        resends.drain().forEach(message -> send(message, true));
    }

    boolean hasResends() {
        return !resends.isEmpty();
    }

    long published() {
        return published.sum();
    }

    long resent() {
        return resent.sum();
    }

    private void send(Pending message, boolean again) {
        StatefulRedisConnection<String, byte[]> connection = publisher.get();
        CompletionStage<Long> sent;
        if (connection == null) {
            sent = CompletableFuture.failedFuture(new RedisException("not connected to Redis yet"));
        } else {
            try {
                sent = sharded ? connection.async().spublish(message.channel(), message.payload())
                        : connection.async().publish(message.channel(), message.payload());
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
        }
        sent.whenComplete((receivers, error) -> {
            if (error == null) {
                published.increment();
                if (again) {
                    resent.increment();
                }
                if (failing.compareAndSet(true, false)) {
                    LOG.log(Level.INFO, "publishing to Redis works again");
                }
            } else {
                failed(message, error);
            }
        });
    }

    private void failed(Pending message, Throwable error) {
        dropped.increment();
        boolean kept = resends.remember(message);
        if (failing.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "cannot publish to Redis (" + error + "); the newest event per chat is sent again "
                    + "when it is back, members recover older ones from storage");
        } else {
            LOG.log(Level.DEBUG, () -> "cannot publish to " + message.channel() + (kept ? "" : " (not kept: too many)"));
        }
    }
}
