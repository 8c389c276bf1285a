package com.chirpchat.adapters.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/** Whether both connections answer Redis's {@code PING} in time: the readiness probe. */
final class Ping {
    private Ping() {
    }

    static boolean bothAnswer(RedisConnections connections, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        StatefulRedisPubSubConnection<String, byte[]> subscriber = connections.subscriber();
        StatefulRedisConnection<String, byte[]> publisher = connections.publisher();
        if (subscriber == null || publisher == null || !subscriber.isOpen() || !publisher.isOpen()) {
            return false;
        }
        try {
            CompletableFuture<String> viaPublisher = publisher.async().ping().toCompletableFuture();
            // a subscribed connection answers PING in its own way (a pong message under RESP2): any answer will do
            CompletableFuture<String> viaSubscriber = subscriber.async().ping().toCompletableFuture();
            boolean pong = "PONG".equals(viaPublisher.get(remaining(deadline), TimeUnit.NANOSECONDS));
            viaSubscriber.get(remaining(deadline), TimeUnit.NANOSECONDS);
            return pong;
        } catch (ExecutionException | TimeoutException | RedisException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
