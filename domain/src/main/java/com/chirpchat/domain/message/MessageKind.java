package com.chirpchat.domain.message;

import java.util.Locale;

/** Text typed by a person, or a media file uploaded to the media store. */
public enum MessageKind {
    TEXT, MEDIA;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageKind parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
