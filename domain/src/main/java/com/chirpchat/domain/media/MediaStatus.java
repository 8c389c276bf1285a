package com.chirpchat.domain.media;

import java.util.Locale;

/**
 * Where a media asset is in its life: {@code uploading → processing → ready | failed}. An upload may also go
 * straight to ready or failed (its variants were ready or it broke before processing began). Ready and failed
 * are final.
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

    /** True when an asset in this state may move to {@code next}. */
    public boolean mayMoveTo(MediaStatus next) {
        return switch (this) {
            case UPLOADING -> next == PROCESSING || next == READY || next == FAILED;
            case PROCESSING -> next == READY || next == FAILED;
            case READY, FAILED -> false;
        };
    }
}
