package com.chirpchat.emulator.settings;

import java.time.Duration;

/**
 * Bounds on chunked-upload state.
 *
 * @param expiry       an upload id with no new chunk for this long is abandoned and its bytes deleted
 * @param maxSessions  chunked uploads in progress at once; more are refused until some finish or expire
 */
public record ChunkSettings(Duration expiry, int maxSessions) {

    public ChunkSettings {
        NotificationSettings.requirePositive(expiry, "chunk expiry");
        if (maxSessions < 1 || maxSessions > 10_000) {
            throw new IllegalArgumentException("chunk maxSessions must be 1..10000, was " + maxSessions);
        }
    }

    public static ChunkSettings defaults() {
        return new ChunkSettings(Duration.ofHours(1), 100);
    }
}
