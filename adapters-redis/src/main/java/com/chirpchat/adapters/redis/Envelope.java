package com.chirpchat.adapters.redis;

import java.util.Objects;

/**
 * What a channel carries: one header line naming the format and the publishing fanout, then the event exactly as
 * {@code com.chirpchat.wire.EventCodec} writes it. The origin lets a fanout skip its own messages, which it has
 * already delivered locally.
 */
record Envelope(String origin, String event) {
    private static final String FORMAT = "chirpchat-event/1 ";

    Envelope {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(event, "event");
        if (origin.isEmpty() || origin.chars().anyMatch(c -> c == '\n' || c == ' ')) {
            throw new IllegalArgumentException("origin must be a non-empty word");
        }
    }

    String encode() {
        return FORMAT + origin + "\n" + event;
    }

    /** @throws IllegalArgumentException when the text is not an envelope of this format */
    static Envelope decode(String text) {
        if (text == null || !text.startsWith(FORMAT)) {
            throw new IllegalArgumentException("not a " + FORMAT.trim() + " message");
        }
        int newline = text.indexOf('\n', FORMAT.length());
        if (newline < 0) {
            throw new IllegalArgumentException("message has no header line");
        }
        return new Envelope(text.substring(FORMAT.length(), newline), text.substring(newline + 1));
    }
}
