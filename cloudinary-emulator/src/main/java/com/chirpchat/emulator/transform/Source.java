package com.chirpchat.emulator.transform;

import java.util.Objects;

/**
 * What is known about the original being transformed.
 *
 * @param kind      image, video, audio or raw
 * @param format    the original's format
 * @param width     pixels (0 for audio)
 * @param height    pixels (0 for audio)
 * @param duration  seconds (0 for images)
 * @param hasAudio  whether a video or audio source carries an audio track
 */
public record Source(SourceKind kind, String format, int width, int height, double duration, boolean hasAudio) {

    public Source {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(format, "format");
    }
}
