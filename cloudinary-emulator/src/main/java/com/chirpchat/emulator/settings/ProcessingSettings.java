package com.chirpchat.emulator.settings;

import java.time.Duration;

/**
 * Bounds on media processing.
 *
 * @param workers        concurrent transformations (each may run one ffmpeg process)
 * @param queueCapacity  transformations waiting for a worker before new ones are refused
 * @param timeout        longest a single ffmpeg/ffprobe run may take before it is killed
 */
public record ProcessingSettings(int workers, int queueCapacity, Duration timeout) {

    public ProcessingSettings {
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("processing workers must be 1..64, was " + workers);
        }
        if (queueCapacity < 1 || queueCapacity > 100_000) {
            throw new IllegalArgumentException("processing queueCapacity must be 1..100000, was " + queueCapacity);
        }
        NotificationSettings.requirePositive(timeout, "processing timeout");
    }

    public static ProcessingSettings defaults() {
        return new ProcessingSettings(2, 256, Duration.ofMinutes(5));
    }
}
