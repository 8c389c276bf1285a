package com.chirpchat.domain.media;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** What the media store measured of an uploaded file. */
public record MediaFacts(Optional<String> format,
                         OptionalLong bytes,
                         OptionalInt width,
                         OptionalInt height,
                         OptionalDouble durationSeconds) {

    public static final MediaFacts UNKNOWN =
            new MediaFacts(Optional.empty(), OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalDouble.empty());

    public MediaFacts {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(width, "width");
        Objects.requireNonNull(height, "height");
        Objects.requireNonNull(durationSeconds, "durationSeconds");
    }
}
