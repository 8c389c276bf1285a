package com.chirpchat.adapters.redis;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.chirpchat.application.event.ChatEventFanout;
import com.chirpchat.application.event.ChatEventListener;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.wire.EventFrame;
import com.chirpchat.domain.user.UserId;
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
    private final Follows follows;
    private final Recovery recovery;
    private final Outbound outbound;
    private final Inbound inbound;
    private final RedisConnections connections;
    private final Thread maintenance;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LongAdder dropped = new LongAdder();
    private final LocalListener listener = new LocalListener();

    private RedisFanout(RedisFanoutSettings settings, int maxWaitingMessages) {
        this.settings = settings;
        this.origin = settings.instanceId() + ":" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.channels = new Channels(settings.channelPrefix());
        this.background = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("redis-fanout-", 0).factory());
        this.subscriptions = new Subscriptions(new PubSubCommands(this::subscriber, settings.sharded()), background);
        this.recovery = new Recovery(subscriptions, this::subscriberOpen, listener::catchUp,
                                     settings.commandTimeout().multipliedBy(2), background);
        this.outbound = new Outbound(channels, origin, settings.sharded(), this::publisher, dropped);
        this.inbound = new Inbound(origin, subscriptions, new SerialLanes("redis-fanout-in-", maxWaitingMessages),
                                   listener, closed::get, listener::catchUp, dropped);
        this.connections = new RedisConnections(settings, "chirpchat:" + origin, new EnvelopeCodec(origin), inbound,
                                                new ConnectionEvents());
        this.follows = new Follows(subscriptions, settings.commandTimeout(), this::subscriberOpen,
                                   recovery::subscriptionFailed);
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
        this.listener.set(listener);
    }

    @Override
    public void publish(ChatEvent event) {
        Objects.requireNonNull(event, "event");
        // rendered once for the whole cluster: this instance's connections and, through Redis, every other's
        EventFrame frame = EventFrame.of(event);
        if (!closed.get()) {
            outbound.publish(event, frame);
        }
        listener.hear(event, frame); // this instance hears its own events at once; their echo from Redis is ignored
    }

    @Override
    public void follow(ChatId chatId) {
        follows.follow(channels.chat(chatId));
    }

    @Override
    public void unfollow(ChatId chatId) {
        follows.unfollow(channels.chat(chatId));
    }

    @Override
    public void followUser(UserId userId) {
        follows.follow(channels.user(userId));
    }

    @Override
    public void unfollowUser(UserId userId) {
        follows.unfollow(channels.user(userId));
    }

    /**
     * Whether Redis answers on both connections within {@code timeout} and no outage is open (every followed channel
     * is subscribed). For readiness checks.
     */
    public boolean ping(Duration timeout) {
        return !closed.get() && recovery.healthy() && Ping.bothAnswer(connections, timeout);
    }

    /** Messages handed to Redis and acknowledged (an event with a member concerned is two messages). */
    /** The channel of a chat's events (for tests). */
    String channelOf(ChatId chatId) {
        return channels.chat(chatId);
    }

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
        return listener.catchUps();
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

    /** The subscribed connection (null before the first one); tests hold up its event loop through it. */
    StatefulRedisPubSubConnection<String, byte[]> subscriber() {
        return connections.subscriber();
    }

    private StatefulRedisConnection<String, byte[]> publisher() {
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
