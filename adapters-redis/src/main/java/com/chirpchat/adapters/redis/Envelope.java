package com.chirpchat.adapters.redis;

import java.util.Objects;
import java.util.Optional;

/**
 * What a channel carries: one header line naming the format and the publishing fanout, then the event exactly as
 * {@code com.chirpchat.wire.EventCodec} writes it and, in format 2, the event's frame text for clients as the
 * publisher rendered it ({@code com.chirpchat.wire.DomainJson.eventText}), so receiving instances hand their
 * connections those bytes without rendering the event again. Format 2's header also gives the event's length:
 * {@code chirpchat-event/2 <origin> <length>\n<event><frame>}. Format 1 ({@code chirpchat-event/1 <origin>\n<event>},
 * no frame) is still read. The origin lets a fanout skip its own messages, which it has already delivered locally,
 * without decoding them ({@link #isFrom}).
 */
record Envelope(String origin, String event, Optional<String> frame) {
    private static final String FORMAT_1 = "chirpchat-event/1 ";
    private static final String FORMAT_2 = "chirpchat-event/2 ";

    Envelope {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(frame, "frame");
        if (origin.isEmpty() || origin.chars().anyMatch(c -> c == '\n' || c == ' ')) {
            throw new IllegalArgumentException("origin must be a non-empty word");
        }
    }

    Envelope(String origin, String event) {
        this(origin, event, Optional.empty());
    }

    String encode() {
        if (frame.isEmpty()) {
            return FORMAT_1 + origin + "\n" + event;
        }
        String text = frame.get();
        return new StringBuilder(FORMAT_2.length() + origin.length() + 12 + event.length() + text.length())
                .append(FORMAT_2).append(origin).append(' ').append(event.length()).append('\n')
                .append(event).append(text).toString();
    }

    /** Whether {@code text} is a message {@code origin} published (looking at its header only). */
    static boolean isFrom(String text, String origin) {
        if (text == null) {
            return false;
        }
        int end = FORMAT_2.length() + origin.length();
        if (text.startsWith(FORMAT_2) && text.startsWith(origin, FORMAT_2.length())) {
            return text.length() > end && text.charAt(end) == ' ';
        }
        return text.startsWith(FORMAT_1) && text.startsWith(origin, FORMAT_1.length())
                && text.length() > end && text.charAt(end) == '\n';
    }

    /** @throws IllegalArgumentException when the text is not an envelope of either format */
    static Envelope decode(String text) {
        if (text != null && text.startsWith(FORMAT_2)) {
            int newline = text.indexOf('\n', FORMAT_2.length());
            int space = newline < 0 ? -1 : text.lastIndexOf(' ', newline);
            if (space < FORMAT_2.length()) {
                throw new IllegalArgumentException("message has no header line");
            }
            int length;
            try {
                length = Integer.parseInt(text, space + 1, newline, 10);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("message header has no event length");
            }
            int start = newline + 1;
            if (length < 0 || start + length > text.length()) {
                throw new IllegalArgumentException("message is shorter than its event");
            }
            return new Envelope(text.substring(FORMAT_2.length(), space), text.substring(start, start + length),
                                Optional.of(text.substring(start + length)));
        }
        if (text == null || !text.startsWith(FORMAT_1)) {
            throw new IllegalArgumentException("not a chirpchat-event message");
        }
        int newline = text.indexOf('\n', FORMAT_1.length());
        if (newline < 0) {
            throw new IllegalArgumentException("message has no header line");
        }
        return new Envelope(text.substring(FORMAT_1.length(), newline), text.substring(newline + 1));
    }
}
