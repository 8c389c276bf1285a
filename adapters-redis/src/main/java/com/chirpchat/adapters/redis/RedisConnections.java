package com.chirpchat.adapters.redis;

import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;

/**
 * The two lettuce connections of a fanout: one subscribed to channels, one for commands (PUBLISH, PING).
 * <p>
 * Once a connection exists lettuce reconnects it by itself (jittered exponential back-off) and reports each loss and
 * return to {@link Events}, on its event loop. Commands are rejected at once while a connection is down rather than
 * queued, so a caller never waits on an outage; a connection lost without a word (a silent network cut) is noticed
 * by TCP keep-alive. If Redis cannot be reached at start, {@link #connectMissing} is called again until it can.
 */
final class RedisConnections implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisConnections.class.getName());
    /** Commands in flight on one connection before further ones are rejected. */
    private static final int REQUEST_QUEUE_SIZE = 100_000;

    /** Called on lettuce's event loop: must not block. */
    interface Events {
        void subscriberConnected();

        void subscriberLost();

        void publisherConnected();
    }

    private final RedisFanoutSettings settings;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI subscriberUri;
    private final RedisURI publisherUri;
    private final RedisPubSubListener<String, byte[]> inbound;
    private final Events events;
    private final EnvelopeCodec codec;
    private volatile StatefulRedisPubSubConnection<String, byte[]> subscriber;
    private volatile StatefulRedisConnection<String, byte[]> publisher;
    private volatile boolean closed;
    private volatile boolean unreachableReported;

    RedisConnections(RedisFanoutSettings settings, String clientName, EnvelopeCodec codec,
                     RedisPubSubListener<String, byte[]> inbound, Events events) {
        this.settings = settings;
        this.codec = codec;
        this.inbound = inbound;
        this.events = events;
        this.subscriberUri = uri(settings, clientName + ":sub");
        this.publisherUri = uri(settings, clientName + ":pub");
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(() -> Delay.fullJitter(Duration.ofMillis(10), settings.maxReconnectDelay(), 10,
                                                       TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                                  .autoReconnect(true)
                                  .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                                  .requestQueueSize(REQUEST_QUEUE_SIZE)
                                  .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                                  .socketOptions(SocketOptions.builder()
                                                         .connectTimeout(settings.commandTimeout())
                                                         .keepAlive(SocketOptions.KeepAliveOptions.builder()
                                                                            .enable()
                                                                            .idle(Duration.ofSeconds(15))
                                                                            .interval(Duration.ofSeconds(5))
                                                                            .count(3)
                                                                            .build())
                                                         .build())
                                  .build());
    }

    private static RedisURI uri(RedisFanoutSettings settings, String clientName) {
        RedisURI uri = RedisURI.create(settings.uri());
        uri.setTimeout(settings.commandTimeout());
        if (uri.getClientName() == null) {
            uri.setClientName(clientName); // tells the connections apart in CLIENT LIST
        }
        return uri;
    }

    /** Tries once to open whichever connection does not exist yet; true when both exist. */
    boolean connectMissing() {
        if (subscriber == null && !closed) {
            connectSubscriber();
        }
        if (publisher == null && !closed) {
            connectPublisher();
        }
        return subscriber != null && publisher != null;
    }

    /** The subscribed connection, if it was ever established (it may be reconnecting). */
    StatefulRedisPubSubConnection<String, byte[]> subscriber() {
        return subscriber;
    }

    StatefulRedisConnection<String, byte[]> publisher() {
        return publisher;
    }

    boolean subscriberOpen() {
        StatefulRedisPubSubConnection<String, byte[]> connection = subscriber;
        return connection != null && connection.isOpen();
    }

    boolean publisherOpen() {
        StatefulRedisConnection<String, byte[]> connection = publisher;
        return connection != null && connection.isOpen();
    }

    private void connectSubscriber() {
        try {
            StatefulRedisPubSubConnection<String, byte[]> connection = client.connectPubSub(codec, subscriberUri);
            connection.addListener(inbound);
            connection.addListener(new StateListener(true));
            subscriber = connection;
            if (closed) {
                connection.closeAsync();
                return;
            }
            LOG.log(Level.INFO, () -> "connected to Redis at " + settings.safeUri());
            if (!connection.isOpen()) {
                events.subscriberLost(); // lost before our listener was in place
            }
            events.subscriberConnected();
        } catch (RedisException e) {
            Level level = unreachableReported ? Level.DEBUG : Level.WARNING;
            unreachableReported = true;
            LOG.log(level, "cannot reach Redis at " + settings.safeUri() + " (" + e.getMessage() + "); retrying");
        }
    }

    private void connectPublisher() {
        try {
            StatefulRedisConnection<String, byte[]> connection = client.connect(codec, publisherUri);
            connection.addListener(new StateListener(false));
            publisher = connection;
            if (closed) {
                connection.closeAsync();
                return;
            }
            events.publisherConnected();
        } catch (RedisException e) {
            LOG.log(Level.DEBUG, () -> "publisher cannot reach Redis: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(subscriber);
        closeQuietly(publisher);
        try {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            Future<Boolean> shutdown = resources.shutdown(0, 2, TimeUnit.SECONDS); // netty's Future, seen as the JDK's
            shutdown.get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(Level.DEBUG, () -> "lettuce did not shut down cleanly: " + e);
        }
    }

    private static void closeQuietly(StatefulConnection<?, ?> connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "closing a Redis connection failed: " + e);
            }
        }
    }

    /** Reports a connection's loss and return (each reconnect, after lettuce's own re-subscribe was sent). */
    private final class StateListener implements RedisConnectionStateListener {
        private final boolean subscribed;

        private StateListener(boolean subscribed) {
            this.subscribed = subscribed;
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            if (closed) {
                return;
            }
            if (subscribed) {
                events.subscriberConnected();
            } else {
                events.publisherConnected();
            }
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (closed) {
                return;
            }
            if (subscribed) {
                events.subscriberLost();
            } else {
                LOG.log(Level.DEBUG, "publisher connection to Redis lost; lettuce reconnects");
            }
        }
    }
}
