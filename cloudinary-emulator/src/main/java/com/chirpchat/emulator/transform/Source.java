package com.chirpchat.emulator.transform;

import java.util.Objects;

/**
 * What is known about the original being transformed.
 *
 * @param kind      image, video, audio or raw
 * @param format    the original's format
 * @param width         pixels as displayed (rotation and pixel aspect applied; 0 for audio)
 * @param height        pixels as displayed (0 for audio)
 * @param duration      seconds (0 for images)
 * @param hasAudio      whether a video or audio source carries an audio track
 * @param bytes         size of the original
 * @param bitRate       overall bits per second of a video or audio source, 0 when unknown
 * @param audioBitRate  bits per second of its audio track, 0 when unknown
 * @param pages         frames of an image (more than 1: animated)
 */
public record Source(SourceKind kind, String format, int width, int height, double duration, boolean hasAudio,
                     long bytes, long bitRate, long audioBitRate, int pages) {

    public Source {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(format, "format");
    }
}
