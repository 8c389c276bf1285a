package com.chirpchat.adapters.redis;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.chirpchat.application.event.ChatEventFanout;
import com.chirpchat.application.event.ChatEventListener;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.user.UserId;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * The fanout across server instances on Redis Pub/Sub: one channel per chat and one per user (see the module's
 * README for the layout), subscribed only while this instance has listeners for them.
 * <p>
 * A published event goes to this instance's listener at once, on the publishing thread, and to Redis in an
 * envelope naming this fanout, whose own messages coming back are ignored. Events from other instances reach the
 * listener on virtual threads, in Redis's order per channel. Redis delivers at most once: when the subscription was
 * cut off the listener hears {@link ChatEventListener#onReconnected} once it is whole again, and an event that could
 * not be published is published again when Redis answers (the newest per chat; receivers fill in the rest).
 */
public final class RedisFanout implements ChatEventFanout, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisFanout.class.getName());
    /** Messages from Redis waiting for the listener before further ones are dropped (and caught up later). */
    static final int MAX_WAITING_MESSAGES = 100_000;
    private static final Duration MAINTENANCE_INTERVAL = Duration.ofMillis(500);

    private final RedisFanoutSettings settings;
    private final String origin;
    private final Channels channels;
    private final ExecutorService background;
    private final Subscriptions subscriptions;
    private final Recovery recovery;
    private final Outbound outbound;
    private final Inbound inbound;
    private final RedisConnections connections;
    private final Thread maintenance;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private volatile ChatEventListener listener;

    private RedisFanout(RedisFanoutSettings settings, int maxWaitingMessages) {
        this.settings = settings;
        this.origin = settings.instanceId() + ":" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.channels = new Channels(settings.channelPrefix());
        this.background = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("redis-fanout-", 0).factory());
        this.subscriptions = new Subscriptions(new SubscribeCommands(), background);
        this.recovery = new Recovery(subscriptions, this::subscriberOpen, this::catchUp,
                                     settings.commandTimeout().multipliedBy(2), background);
        this.outbound = new Outbound(channels, origin, settings.sharded(), this::publisher, dropped);
        this.inbound = new Inbound(origin, subscriptions, new SerialLanes("redis-fanout-in-", maxWaitingMessages),
                                   () -> listener, closed::get, this::catchUp, dropped);
        this.connections = new RedisConnections(settings, "chirpchat:" + origin, inbound, new ConnectionEvents());
        this.maintenance = Thread.ofVirtual().name("redis-fanout-maintenance").unstarted(this::maintain);
    }

    /**
     * Connects to Redis. Does not fail when Redis is unreachable: it keeps trying, {@link #ping} answers false, and
     * the listener hears {@code onReconnected} once connected.
     *
     * @throws IllegalArgumentException when the URI cannot be understood
     */
    public static RedisFanout create(RedisFanoutSettings settings) {
        return create(settings, MAX_WAITING_MESSAGES);
    }

    static RedisFanout create(RedisFanoutSettings settings, int maxWaitingMessages) {
        RedisFanout fanout = new RedisFanout(Objects.requireNonNull(settings, "settings"), maxWaitingMessages);
        fanout.connections.connectMissing();
        if (fanout.connections.subscriber() == null) {
            fanout.recovery.lost(); // events of other instances are missed until connected
        }
        fanout.maintenance.start();
        return fanout;
    }

    @Override
    public void listen(ChatEventListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void publish(ChatEvent event) {
        Objects.requireNonNull(event, "event");
        if (!closed.get()) {
            outbound.publish(event);
        }
        ChatEventListener current = listener;
        if (current != null) {
            try {
                current.onEvent(event); // this instance hears its own events at once; their echo from Redis is ignored
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the listener failed to take event " + event.chatId() + "#" + event.seq(), e);
            }
        }
    }

    @Override
    public void follow(ChatId chatId) {
        follow(channels.chat(chatId));
    }

    @Override
    public void unfollow(ChatId chatId) {
        subscriptions.release(channels.chat(chatId));
    }

    @Override
    public void followUser(UserId userId) {
        follow(channels.user(userId));
    }

    @Override
    public void unfollowUser(UserId userId) {
        subscriptions.release(channels.user(userId));
    }

    /**
     * Whether Redis answers on both connections within {@code timeout} and no outage is open (every followed channel
     * is subscribed). For readiness checks.
     */
    public boolean ping(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        StatefulRedisPubSubConnection<String, String> subscriber = connections.subscriber();
        StatefulRedisConnection<String, String> publisher = connections.publisher();
        if (closed.get() || !recovery.healthy() || subscriber == null || publisher == null
                || !subscriber.isOpen() || !publisher.isOpen()) {
            return false;
        }
        try {
            CompletableFuture<String> viaPublisher = publisher.async().ping().toCompletableFuture();
            // a subscribed connection answers PING in its own way (a pong message under RESP2): any answer will do
            CompletableFuture<String> viaSubscriber = subscriber.async().ping().toCompletableFuture();
            boolean pong = "PONG".equals(viaPublisher.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            viaSubscriber.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return pong;
        } catch (ExecutionException | TimeoutException | RedisException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Messages handed to Redis and acknowledged (an event with a member concerned is two messages). */
    public long published() {
        return outbound.published();
    }

    /** Events from other instances handed to the listener. */
    public long received() {
        return inbound.received();
    }

    /** Messages that could not be published, and messages from Redis that were unreadable or found no room. */
    public long dropped() {
        return dropped.sum();
    }

    /** Messages published again after publishing them had failed. */
    public long resent() {
        return outbound.resent();
    }

    /** Times the listener was told to catch up: outages of the subscription that ended, and overflows. */
    public long reconnects() {
        return reconnects.sum();
    }

    /** Channels (chats and users) this instance follows now. */
    public int followedChannels() {
        return subscriptions.followed();
    }

    /** This fanout's name in its envelopes: the instance id and a random suffix. */
    String origin() {
        return origin;
    }

    boolean follows(String channel) {
        return subscriptions.isFollowed(channel);
    }

    Channels channels() {
        return channels;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        maintenance.interrupt();
        connections.close();
        background.shutdownNow();
    }

    private void follow(String channel) {
        CompletableFuture<Void> active = subscriptions.acquire(channel);
        try {
            active.get(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "Redis did not confirm the subscription to " + channel + " in time; going on");
            if (subscriberOpen()) {
                recovery.subscriptionFailed();
            }
        } catch (ExecutionException e) {
            // Redis is unreachable: the channel stays wanted and is subscribed as soon as it is back
            LOG.log(Level.DEBUG, () -> "not subscribed to " + channel + " for now: " + e.getCause());
            if (subscriberOpen()) {
                recovery.subscriptionFailed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tells the listener to read from storage what it may have missed. */
    private void catchUp() {
        reconnects.increment();
        ChatEventListener current = listener;
        if (current != null) {
            try {
                current.onReconnected();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the listener failed to catch up", e);
            }
        }
    }

    private StatefulRedisConnection<String, String> publisher() {
        return connections.publisher();
    }

    private boolean subscriberOpen() {
        return connections.subscriberOpen();
    }

    private void sendAgain() {
        if (connections.publisherOpen() && !closed.get()) {
            outbound.sendAgain();
        }
    }

    /** Connects what could not be connected at start, retries failed re-subscriptions and resends. */
    private void maintain() {
        while (!closed.get()) {
            try {
                Thread.sleep(MAINTENANCE_INTERVAL);
                connections.connectMissing();
                recovery.retryIfNeeded();
                if (outbound.hasResends()) {
                    sendAgain();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Redis fanout maintenance failed", e);
            }
        }
    }

    private final class SubscribeCommands implements Subscriptions.Commands {
        @Override
        public CompletionStage<?> subscribe(String channel) {
            StatefulRedisPubSubConnection<String, String> subscriber = connections.subscriber();
            if (subscriber == null) {
                return CompletableFuture.failedFuture(new RedisException("not connected to Redis yet"));
            }
            return settings.sharded() ? subscriber.async().ssubscribe(channel) : subscriber.async().subscribe(channel);
        }

        @Override
        public CompletionStage<?> unsubscribe(String channel) {
            StatefulRedisPubSubConnection<String, String> subscriber = connections.subscriber();
            if (subscriber == null) {
                return CompletableFuture.completedFuture(null);
            }
            return settings.sharded() ? subscriber.async().sunsubscribe(channel) : subscriber.async().unsubscribe(channel);
        }
    }

    /** On lettuce's event loop: nothing here blocks. */
    private final class ConnectionEvents implements RedisConnections.Events {
        @Override
        public void subscriberConnected() {
            recovery.connected();
        }

        @Override
        public void subscriberLost() {
            recovery.lost();
        }

        @Override
        public void publisherConnected() {
            try {
                background.execute(RedisFanout.this::sendAgain);
            } catch (RejectedExecutionException e) {
                // closing
            }
        }
    }
}
