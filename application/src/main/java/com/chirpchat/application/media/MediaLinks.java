package com.chirpchat.application.media;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Expiring URLs of an asset: the original and each variant the store can protect, in the store's order. */
public record MediaLinks(Instant expiresAt, Link original, Map<String, Link> variants) {
    public MediaLinks {
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(original, "original");
        variants = Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    }

    public record Link(URI url, Optional<String> format, OptionalLong bytes, OptionalInt width, OptionalInt height) {
        public Link {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(width, "width");
            Objects.requireNonNull(height, "height");
        }
    }
}
