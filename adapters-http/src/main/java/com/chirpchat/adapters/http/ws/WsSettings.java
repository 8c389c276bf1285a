package com.chirpchat.adapters.http.ws;

import java.time.Duration;

import io.helidon.config.Config;

/**
 * WebSocket limits, from the {@code chirpchat.ws} configuration node.
 *
 * @param authTimeout        how long a connection may take to send its auth frame
 * @param queueSize          frames waiting for one connection; a connection whose queue is full is dropped
 * @param maxMessageBytes    largest message a client may send (fragments counted together)
 * @param maxFramesPerSecond sustained rate of client frames
 * @param frameBurst         frames a client may send at once above the rate
 * @param writeTimeout       longest a single write to a client may block before the connection is dropped
 * @param closeTimeout       how long to wait for a client to answer our close frame before dropping the socket
 */
public record WsSettings(Duration authTimeout, int queueSize, int maxMessageBytes, int maxFramesPerSecond,
                         int frameBurst, Duration writeTimeout, Duration closeTimeout) {
    public WsSettings {
        requirePositive("auth-timeout", authTimeout);
        requirePositive("write-timeout", writeTimeout);
        requirePositive("close-timeout", closeTimeout);
        requirePositive("queue-size", queueSize);
        requirePositive("max-message-bytes", maxMessageBytes);
        requirePositive("max-frames-per-second", maxFramesPerSecond);
        if (frameBurst < maxFramesPerSecond) {
            throw new IllegalArgumentException("chirpchat.ws.frame-burst must be at least max-frames-per-second");
        }
    }

    public static WsSettings defaults() {
        return from(Config.empty());
    }

    public static WsSettings from(Config ws) {
        int rate = ws.get("max-frames-per-second").asInt().orElse(20);
        return new WsSettings(ws.get("auth-timeout").as(Duration.class).orElse(Duration.ofSeconds(10)),
                              ws.get("queue-size").asInt().orElse(256),
                              ws.get("max-message-bytes").asInt().orElse(64 * 1024),
                              rate,
                              ws.get("frame-burst").asInt().orElse(Math.max(40, rate)),
                              ws.get("write-timeout").as(Duration.class).orElse(Duration.ofSeconds(10)),
                              ws.get("close-timeout").as(Duration.class).orElse(Duration.ofSeconds(2)));
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("chirpchat.ws." + key + " must be a positive duration");
        }
    }

    private static void requirePositive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("chirpchat.ws." + key + " must be positive");
        }
    }
}
