package com.chirpchat.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * The raw Redis baseline: one publisher connection and one subscriber connection through lettuce (the client
 * ChirpChat's Redis adapter uses), open-loop PUBLISH at the same rates, latency from the intended send time to the
 * subscriber's receipt. It runs in the harness JVM, which is where ChirpChat's Redis path would be measured from.
 */
final class RedisLoop implements Receivers, AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final String channel;
    private volatile StepMeter meter;
    private volatile long lastFrameNanos = System.nanoTime();

    RedisLoop(String host, int port, String channel) {
        this.channel = channel;
        this.client = RedisClient.create(RedisURI.builder().withHost(host).withPort(port)
                                                 .withTimeout(Duration.ofSeconds(5)).build());
        this.publisher = client.connect();
        this.subscriber = client.connectPubSub();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String ch, String message) {
                long now = System.nanoTime();
                lastFrameNanos = now;
                StepMeter m = meter;
                if (m != null) {
                    m.onFrame(message, now);
                }
            }
        });
        subscriber.sync().subscribe(channel);
    }

    /** A fanout target whose single "member" is the subscriber. */
    Fanout.Target target() {
        OpenLoop.Sender sender = (index, text) -> publisher.async().publish(channel, text).toCompletableFuture()
                .thenApply(receivers -> receivers > 0)
                .orTimeout(10, TimeUnit.SECONDS);
        return new Fanout.Target("redis", "Redis pub/sub (lettuce)", this, shape -> sender, List.of());
    }

    static Fanout.Shape shape() {
        return new Fanout.Shape("loop", "one publisher → one subscriber", 1, 1);
    }

    @Override
    public String name() {
        return "redis-loop";
    }

    @Override
    public void meter(StepMeter m) {
        meter = m;
    }

    @Override
    public long lastFrameNanos() {
        return lastFrameNanos;
    }

    @Override
    public int closedByServer() {
        return 0;
    }

    @Override
    public int reconnectClosed() {
        return 0;
    }

    @Override
    public boolean isOpen(int i) {
        return subscriber.isOpen();
    }

    @Override
    public void close() {
        try {
            subscriber.close();
            publisher.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
