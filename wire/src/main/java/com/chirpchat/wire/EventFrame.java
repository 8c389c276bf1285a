package com.chirpchat.wire;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import com.chirpchat.domain.event.ChatEvent;

/**
 * An event as the bytes of one complete server-to-client WebSocket text frame (RFC 6455: FIN, opcode 1, unmasked,
 * the payload's length, then the event's JSON in UTF-8). Rendered once per event and shared by every connection
 * that gets it: a connection's writer puts these bytes on the socket as they are, with no encoding per connection.
 * The Redis fanout carries the JSON's UTF-8 bytes between instances ({@link #payloadOffset}), so the receiving side
 * frames them ({@link #ofPayload}) without rendering the event again or decoding its text.
 */
public final class EventFrame {
    private final byte[] frame;
    /** The JSON text, kept when the frame was made from it, else decoded from the frame when asked (once, racily). */
    private String text;

    private EventFrame(String text, byte[] frame) {
        this.text = text;
        this.frame = frame;
    }

    /**
     * The event as a client sees it ({@link DomainJson#eventText}), framed. Rendered straight to UTF-8: the text is
     * only wanted when the frame also goes to other instances, so it is not made until then.
     */
    public static EventFrame of(ChatEvent event) {
        return new EventFrame(null, textFrame(DomainJson.eventBytes(event)));
    }

    /** A frame of text rendered elsewhere (by {@link DomainJson#eventText}, on another instance). */
    public static EventFrame ofText(String eventText) {
        Objects.requireNonNull(eventText, "eventText");
        return new EventFrame(eventText, textFrame(eventText.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A frame of the UTF-8 JSON at {@code bytes[offset, offset + length)}, rendered elsewhere (by
     * {@link DomainJson#eventBytes}, on another instance): copied once into the frame, never decoded.
     */
    public static EventFrame ofPayload(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return new EventFrame(null, textFrame(bytes, offset, length));
    }

    /** Where the JSON starts in {@link #bytes()} (after the frame's header); it runs to the end. */
    public int payloadOffset() {
        int code = frame[1] & 0x7f;
        return code < 126 ? 2 : code == 126 ? 4 : 10;
    }

    /** The frame's JSON text. */
    public String text() {
        String known = text;
        if (known == null) {
            int header = payloadOffset();
            known = new String(frame, header, frame.length - header, StandardCharsets.UTF_8);
            text = known;
        }
        return known;
    }

    /** The whole frame, header included; shared, so never to be changed. */
    public byte[] bytes() {
        return frame;
    }

    /** A complete unmasked text frame around {@code payload} (UTF-8). */
    public static byte[] textFrame(byte[] payload) {
        return textFrame(payload, 0, payload.length);
    }

    private static byte[] textFrame(byte[] payload, int offset, int length) {
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
        System.arraycopy(payload, offset, frame, header, length);
        return frame;
    }
}
