package com.chirpchat.adapters.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/** SUBSCRIBE/UNSUBSCRIBE (or their sharded forms) on whatever subscribed connection there is now. */
final class PubSubCommands implements Subscriptions.Commands {
    private final Supplier<StatefulRedisPubSubConnection<String, byte[]>> connection;
    private final boolean sharded;

    /** {@code connection} gives the subscribed connection of the moment, or null before the first one. */
    PubSubCommands(Supplier<StatefulRedisPubSubConnection<String, byte[]>> connection, boolean sharded) {
        this.connection = connection;
        this.sharded = sharded;
    }

    @Override
    public CompletionStage<?> subscribe(String channel) {
        StatefulRedisPubSubConnection<String, byte[]> subscriber = connection.get();
        if (subscriber == null) {
            return CompletableFuture.failedFuture(new RedisException("not connected to Redis yet"));
        }
        return sharded ? subscriber.async().ssubscribe(channel) : subscriber.async().subscribe(channel);
    }

    @Override
    public CompletionStage<?> unsubscribe(String channel) {
        StatefulRedisPubSubConnection<String, byte[]> subscriber = connection.get();
        if (subscriber == null) {
            return CompletableFuture.completedFuture(null);
        }
        return sharded ? subscriber.async().sunsubscribe(channel) : subscriber.async().unsubscribe(channel);
    }
}
