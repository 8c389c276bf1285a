package com.chirpchat.adapters.redis;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.chirpchat.application.limits.RateCounterPort;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Rate counters in Redis, shared by every instance using the same Redis and prefix: one key per counter and
 * window, {@code <prefix>:rate:{<key>}:<window>} (the hash tag keeps a counter's windows on one cluster slot),
 * added to with INCRBY and given its expiry when new, in one script. While Redis cannot be reached the counters of
 * this instance alone are used (bounded, in memory), so limits keep holding, per instance, through an outage.
 */
public final class RedisRateCounters implements RateCounterPort, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisRateCounters.class.getName());
    private static final String ADD = """
            local total = redis.call('INCRBY', KEYS[1], ARGV[1])
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return total""";
    private static final long RETRY_CONNECT_NANOS = Duration.ofSeconds(5).toNanos();

    private final RedisClient client;
    private final String prefix;
    private final Local local = new Local(100_000);
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long lastConnectAttempt;
    private volatile long lastWarning;

    private RedisRateCounters(RedisClient client, String prefix) {
        this.client = client;
        this.prefix = prefix;
    }

    /** Counters on the Redis at {@code uri} under {@code prefix}; connects now, or later when Redis comes up. */
    public static RedisRateCounters create(String uri, String prefix, Duration commandTimeout) {
        RedisClient client = RedisClient.create(RedisURI.create(uri));
        client.setOptions(ClientOptions.builder()
                                  .autoReconnect(true)
                                  .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                                  .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                                  .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build())
                                  .build());
        RedisRateCounters counters = new RedisRateCounters(client, prefix);
        counters.commands();
        return counters;
    }

    @Override
    public long add(String key, long window, long amount, Duration ttl) {
        RedisCommands<String, String> redis = commands();
        if (redis != null) {
            try {
                Long total = redis.eval(ADD, ScriptOutputType.INTEGER, new String[] {name(key, window)},
                                        Long.toString(amount), Long.toString(ttl.toMillis()));
                return total;
            } catch (RedisException e) {
                unreachable(e);
            }
        }
        return local.add(key + "#" + window, amount);
    }

    @Override
    public Counts counts(String key, long window) {
        RedisCommands<String, String> redis = commands();
        if (redis != null) {
            try {
                List<KeyValue<String, String>> values = redis.mget(name(key, window - 1), name(key, window));
                return new Counts(value(values.get(0)), value(values.get(1)));
            } catch (RedisException e) {
                unreachable(e);
            }
        }
        return new Counts(local.get(key + "#" + (window - 1)), local.get(key + "#" + window));
    }

    @Override
    public void clear(String key, long window) {
        local.remove(key + "#" + (window - 1));
        local.remove(key + "#" + window);
        RedisCommands<String, String> redis = commands();
        if (redis != null) {
            try {
                redis.del(name(key, window - 1), name(key, window));
            } catch (RedisException e) {
                unreachable(e);
            }
        }
    }

    /** Whether Redis answers now (for tests and health). */
    public boolean connected() {
        StatefulRedisConnection<String, String> current = connection;
        return current != null && current.isOpen();
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private String name(String key, long window) {
        return prefix + ":rate:{" + key.replace('{', '(').replace('}', ')') + "}:" + window;
    }

    private static long value(KeyValue<String, String> value) {
        return value.hasValue() ? Long.parseLong(value.getValue()) : 0;
    }

    /** The connection's commands; null while there is none (a first connection is retried every few seconds). */
    private RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            return current.sync();
        }
        long now = System.nanoTime();
        if (lastConnectAttempt != 0 && now - lastConnectAttempt < RETRY_CONNECT_NANOS) {
            return null;
        }
        synchronized (this) {
            if (connection == null) {
                lastConnectAttempt = now;
                try {
                    connection = client.connect();
                } catch (RedisException e) {
                    unreachable(e);
                    return null;
                }
            }
            return connection.sync();
        }
    }

    private void unreachable(RedisException e) {
        long now = System.nanoTime();
        if (now - lastWarning > Duration.ofMinutes(1).toNanos() || lastWarning == 0) {
            lastWarning = now;
            LOG.log(Level.WARNING, "rate counters: Redis did not answer (" + e.getMessage()
                    + "); counting on this instance alone until it does");
        }
    }

    /** This instance's own counters, for when Redis is away. */
    private static final class Local {
        private final Map<String, Long> counts;

        Local(int max) {
            this.counts = new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                    return size() > max;
                }
            };
        }

        synchronized long add(String key, long amount) {
            return counts.merge(key, amount, Long::sum);
        }

        synchronized long get(String key) {
            return counts.getOrDefault(key, 0L);
        }

        synchronized void remove(String key) {
            counts.remove(key);
        }
    }
}
