package com.chirpchat.domain.media;

import java.util.Locale;

/**
 * Where a media asset is in its life: {@code uploading → processing → ready | failed}. An upload may also go
 * straight to ready (nothing to process) or failed. Ready and failed are final. See {@link MediaAsset#status()}.
 */
public enum MediaStatus {
    UPLOADING, PROCESSING, READY, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MediaStatus parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this == READY || this == FAILED;
    }
}
