package com.chirpchat.wire;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import com.chirpchat.domain.event.ChatEvent;

/**
 * An event as the bytes of one complete server-to-client WebSocket text frame (RFC 6455: FIN, opcode 1, unmasked,
 * the payload's length, then the event's JSON in UTF-8). Rendered once per event and shared by every connection
 * that gets it: a connection's writer puts these bytes on the socket as they are, with no encoding per connection.
 * The Redis fanout carries the JSON text between instances, so the receiving side frames it without rendering the
 * event again.
 */
public final class EventFrame {
    private final String text;
    private final byte[] frame;

    private EventFrame(String text) {
        this.text = Objects.requireNonNull(text, "text");
        this.frame = textFrame(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The event as a client sees it ({@link DomainJson#eventText}), framed. */
    public static EventFrame of(ChatEvent event) {
        return new EventFrame(DomainJson.eventText(event));
    }

    /** A frame of text rendered elsewhere (by {@link DomainJson#eventText}, on another instance). */
    public static EventFrame ofText(String eventText) {
        return new EventFrame(eventText);
    }

    /** The frame's JSON text. */
    public String text() {
        return text;
    }

    /** The whole frame, header included; shared, so never to be changed. */
    public byte[] bytes() {
        return frame;
    }

    /** A complete unmasked text frame around {@code payload} (UTF-8). */
    public static byte[] textFrame(byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) 0x81; // FIN, text
        if (length < 126) {
            frame[1] = (byte) length;
        } else if (length < 65_536) {
            frame[1] = 126;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, length);
        return frame;
    }
}
