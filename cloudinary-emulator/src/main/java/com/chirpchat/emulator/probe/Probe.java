package com.chirpchat.emulator.probe;

import java.util.Map;
import java.util.Objects;

/**
 * What decoding found out about a file.
 *
 * @param kind      image, video or audio
 * @param format    Cloudinary's format name ({@code jpg}, {@code png}, {@code mp4}, {@code mp3}...)
 * @param width     pixels (0 for audio)
 * @param height    pixels (0 for audio)
 * @param duration  seconds (0 for images)
 * @param pages     frames of an image (1 for still images)
 * @param media     video/audio details in Cloudinary's shape ({@code video}, {@code audio}, {@code bit_rate}...)
 */
public record Probe(Kind kind, String format, int width, int height, double duration, int pages,
                    Map<String, Object> media) {

    /** Broad kind of a media file. */
    public enum Kind { IMAGE, VIDEO, AUDIO }

    public Probe {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(format, "format");
        media = media == null ? Map.of() : Map.copyOf(media);
    }

    public boolean hasAudio() {
        return media.containsKey("audio");
    }

    public boolean hasVideo() {
        return kind == Kind.VIDEO;
    }
}
