package com.chirpchat.adapters.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.wire.EventCodec;
import com.chirpchat.wire.EventFrame;

/**
 * What a channel carries, as bytes: one ASCII header line naming the format, the publishing fanout and the event's
 * length in bytes, then the event exactly as {@code com.chirpchat.wire.EventCodec} writes it (UTF-8) and the event's
 * frame JSON for clients as the publisher rendered it ({@code com.chirpchat.wire.DomainJson.eventBytes}):
 * {@code chirpchat-event/3 <origin> <event bytes>\n<event><frame JSON>}. A receiving instance frames the frame JSON's
 * bytes as they came ({@link #frame}), without decoding or rendering it. The origin comes first so that a fanout tells
 * its own messages (already delivered locally) by their first bytes and never decodes them ({@link #ownPrefix}).
 * <p>
 * The text formats of earlier versions are still read: {@code chirpchat-event/2 <origin> <event chars>\n<event><frame
 * text>} and {@code chirpchat-event/1 <origin>\n<event>} (no frame). An instance of those versions reads format 3 as
 * foreign and drops it; during a rolling upgrade its members get those events from the commit watch instead.
 */
final class Envelope {
    private static final String FORMAT_1 = "chirpchat-event/1 ";
    private static final String FORMAT_2 = "chirpchat-event/2 ";
    private static final String FORMAT_3 = "chirpchat-event/3 ";
    private static final byte[] FORMAT_3_BYTES = FORMAT_3.getBytes(StandardCharsets.US_ASCII);

    private final String origin;
    /** Holds the event at {@code [eventStart, eventEnd)} and the frame JSON, if any, at {@code [eventEnd, end)}. */
    private final byte[] bytes;
    private final int eventStart;
    private final int eventEnd;
    private final boolean hasFrame;

    private Envelope(String origin, byte[] bytes, int eventStart, int eventEnd, boolean hasFrame) {
        this.origin = origin;
        this.bytes = bytes;
        this.eventStart = eventStart;
        this.eventEnd = eventEnd;
        this.hasFrame = hasFrame;
    }

    /** A message of {@code origin}'s carrying {@code event} (UTF-8 JSON) and the JSON payload of {@code frame}. */
    static byte[] encode(String origin, byte[] event, EventFrame frame) {
        byte[] header = header(origin, event.length);
        byte[] framed = frame.bytes();
        int frameStart = frame.payloadOffset();
        int frameLength = framed.length - frameStart;
        byte[] message = Arrays.copyOf(header, header.length + event.length + frameLength);
        System.arraycopy(event, 0, message, header.length, event.length);
        System.arraycopy(framed, frameStart, message, header.length + event.length, frameLength);
        return message;
    }

    private static byte[] header(String origin, int eventLength) {
        checkOrigin(origin);
        return (FORMAT_3 + origin + " " + eventLength + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void checkOrigin(String origin) {
        Objects.requireNonNull(origin, "origin");
        if (origin.isEmpty() || origin.chars().anyMatch(c -> c == '\n' || c == ' ')) {
            throw new IllegalArgumentException("origin must be a non-empty word");
        }
    }

    /** The first bytes of every message {@code origin} publishes, and of no other fanout's. */
    static byte[] ownPrefix(String origin) {
        checkOrigin(origin);
        return (FORMAT_3 + origin + " ").getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when the bytes are not an envelope of any format */
    static Envelope decode(byte[] message) {
        Objects.requireNonNull(message, "message");
        if (startsWith(message, FORMAT_3_BYTES)) {
            int newline = indexOf(message, (byte) '\n', FORMAT_3_BYTES.length);
            int space = newline < 0 ? -1 : lastIndexOf(message, (byte) ' ', newline);
            if (space <= FORMAT_3_BYTES.length) {
                throw new IllegalArgumentException("message has no header line");
            }
            int length = parseLength(message, space + 1, newline);
            int start = newline + 1;
            if (start + (long) length > message.length) {
                throw new IllegalArgumentException("message is shorter than its event");
            }
            String origin = new String(message, FORMAT_3_BYTES.length, space - FORMAT_3_BYTES.length, StandardCharsets.UTF_8);
            return new Envelope(origin, message, start, start + length, true);
        }
        return decodeText(new String(message, StandardCharsets.UTF_8));
    }

    /** Formats 1 and 2, written by earlier versions. */
    private static Envelope decodeText(String text) {
        if (text.startsWith(FORMAT_2)) {
            int newline = text.indexOf('\n', FORMAT_2.length());
            int space = newline < 0 ? -1 : text.lastIndexOf(' ', newline);
            if (space <= FORMAT_2.length()) {
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
            byte[] event = text.substring(start, start + length).getBytes(StandardCharsets.UTF_8);
            byte[] frame = text.substring(start + length).getBytes(StandardCharsets.UTF_8);
            byte[] both = Arrays.copyOf(event, event.length + frame.length);
            System.arraycopy(frame, 0, both, event.length, frame.length);
            return new Envelope(text.substring(FORMAT_2.length(), space), both, 0, event.length, true);
        }
        if (!text.startsWith(FORMAT_1)) {
            throw new IllegalArgumentException("not a chirpchat-event message");
        }
        int newline = text.indexOf('\n', FORMAT_1.length());
        if (newline <= FORMAT_1.length()) {
            throw new IllegalArgumentException("message has no header line");
        }
        byte[] event = text.substring(newline + 1).getBytes(StandardCharsets.UTF_8);
        return new Envelope(text.substring(FORMAT_1.length(), newline), event, 0, event.length, false);
    }

    String origin() {
        return origin;
    }

    /** The event's text as {@code EventCodec} wrote it. */
    String eventText() {
        return new String(bytes, eventStart, eventEnd - eventStart, StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when the event cannot be read */
    ChatEvent event() {
        return EventCodec.decode(bytes, eventStart, eventEnd - eventStart);
    }

    /** The publisher's frame, framed from the bytes that came (format 1 carried none). */
    Optional<EventFrame> frame() {
        return hasFrame ? Optional.of(EventFrame.ofPayload(bytes, eventEnd, bytes.length - eventEnd)) : Optional.empty();
    }

    private static boolean startsWith(byte[] message, byte[] prefix) {
        return message.length >= prefix.length && Arrays.equals(message, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] bytes, byte b, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int parseLength(byte[] bytes, int from, int to) {
        if (from >= to || to - from > 9) {
            throw new IllegalArgumentException("message header has no event length");
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("message header has no event length");
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
