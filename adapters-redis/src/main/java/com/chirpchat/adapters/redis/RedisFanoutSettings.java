package com.chirpchat.adapters.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How to reach Redis and name the channels.
 *
 * @param uri               Redis URI, e.g. {@code redis://127.0.0.1:6379/0} or {@code rediss://user:secret@host:6380}
 * @param channelPrefix     first part of every channel name, so several deployments can share one Redis
 * @param sharded           publish and subscribe with Redis 7 sharded Pub/Sub ({@code SPUBLISH}/{@code SSUBSCRIBE})
 * @param commandTimeout    how long a command (and connecting) may take before it counts as failed
 * @param instanceId        readable name of this server instance (logs, {@code CLIENT LIST}); need not be unique,
 *                          the fanout adds a random suffix of its own to recognise its own messages
 * @param maxReconnectDelay upper bound of the (jittered, exponential) wait between reconnect attempts
 */
public record RedisFanoutSettings(String uri, String channelPrefix, boolean sharded, Duration commandTimeout,
                                  String instanceId, Duration maxReconnectDelay) {
    public static final String DEFAULT_URI = "redis://127.0.0.1:6379/0";
    public static final String DEFAULT_CHANNEL_PREFIX = "chirpchat";
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(5);

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]+(:[A-Za-z0-9._-]+)*");
    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public RedisFanoutSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(channelPrefix, "channelPrefix");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(maxReconnectDelay, "maxReconnectDelay");
        // no redis-socket://: Unix sockets would need netty's native transports, which are not shipped
        if (!uri.startsWith("redis://") && !uri.startsWith("rediss://") && !uri.startsWith("redis-sentinel://")) {
            throw new IllegalArgumentException("uri must start with redis://, rediss:// or redis-sentinel://");
        }
        if (channelPrefix.length() > 64 || !PREFIX.matcher(channelPrefix).matches()) {
            // braces would clash with the hash tags that pin a channel to a cluster slot
            throw new IllegalArgumentException("channelPrefix must be 1-64 of [A-Za-z0-9._-], ':'-separated: " + channelPrefix);
        }
        if (!INSTANCE_ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("instanceId must be 1-64 of [A-Za-z0-9._-]: " + instanceId);
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero() || commandTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("commandTimeout must be positive and at most a minute: " + commandTimeout);
        }
        if (maxReconnectDelay.toMillis() < 10 || maxReconnectDelay.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("maxReconnectDelay must be between 10 ms and 5 minutes: " + maxReconnectDelay);
        }
    }

    /** Defaults for everything but the URI. */
    public static RedisFanoutSettings create(String uri) {
        return builder().uri(uri).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The URI without credentials, for logs. */
    public String safeUri() {
        int scheme = uri.indexOf("://") + 3;
        int at = uri.lastIndexOf('@');
        return at < scheme ? uri : uri.substring(0, scheme) + "***@" + uri.substring(at + 1);
    }

    @Override
    public String toString() {
        return "RedisFanoutSettings[uri=" + safeUri() + ", channelPrefix=" + channelPrefix + ", sharded=" + sharded
                + ", commandTimeout=" + commandTimeout + ", instanceId=" + instanceId
                + ", maxReconnectDelay=" + maxReconnectDelay + "]";
    }

    public static final class Builder {
        private String uri = DEFAULT_URI;
        private String channelPrefix = DEFAULT_CHANNEL_PREFIX;
        private boolean sharded;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private String instanceId = "instance-" + UUID.randomUUID().toString().substring(0, 8);
        private Duration maxReconnectDelay = DEFAULT_MAX_RECONNECT_DELAY;

        private Builder() {
        }

        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        public Builder channelPrefix(String channelPrefix) {
            this.channelPrefix = channelPrefix;
            return this;
        }

        public Builder sharded(boolean sharded) {
            this.sharded = sharded;
            return this;
        }

        public Builder commandTimeout(Duration commandTimeout) {
            this.commandTimeout = commandTimeout;
            return this;
        }

        public Builder instanceId(String instanceId) {
            this.instanceId = instanceId;
            return this;
        }

        public Builder maxReconnectDelay(Duration maxReconnectDelay) {
            this.maxReconnectDelay = maxReconnectDelay;
            return this;
        }

        public RedisFanoutSettings build() {
            return new RedisFanoutSettings(uri, channelPrefix, sharded, commandTimeout, instanceId, maxReconnectDelay);
        }
    }
}
