package com.chirpchat.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventFrameTest {
    @Test
    void anEventIsOneUnmaskedTextFrameOfItsClientJson() {
        ChatEvent event = new ChatEvent(new ChatId(UUID.randomUUID()), 7, Instant.parse("2026-12-02T12:00:00Z"),
                                        new EventData.MemberAdded(new UserId(UUID.randomUUID()), Role.MEMBER));
        EventFrame frame = EventFrame.of(event);
        byte[] json = DomainJson.eventText(event).getBytes(StandardCharsets.UTF_8);
        assertThat(frame.text()).isEqualTo(DomainJson.eventText(event));
        assertThat(frame.bytes()[0]).isEqualTo((byte) 0x81);
        assertThat(frame.bytes()[1] & 0x80).as("servers do not mask").isZero();
        assertThat(payload(frame.bytes())).isEqualTo(json);
        assertThat(EventFrame.ofText(frame.text()).bytes()).isEqualTo(frame.bytes());
    }

    @Test
    void aFrameMadeOfPayloadBytesElsewhereIsTheSameFrame() {
        for (int length : new int[] {0, 125, 126, 65_536}) {
            byte[] payload = new byte[length];
            Arrays.fill(payload, (byte) 'y');
            EventFrame original = EventFrame.ofText(new String(payload, StandardCharsets.UTF_8));
            byte[] carried = new byte[5 + length + 3]; // the payload inside a larger message, as Redis brings it
            System.arraycopy(original.bytes(), original.payloadOffset(), carried, 5, length);
            EventFrame rebuilt = EventFrame.ofPayload(carried, 5, length);
            assertThat(rebuilt.bytes()).as("length %d", length).isEqualTo(original.bytes());
            assertThat(rebuilt.payloadOffset()).isEqualTo(length < 126 ? 2 : length < 65_536 ? 4 : 10);
            assertThat(rebuilt.text()).isEqualTo(original.text());
        }
        assertThatThrownBy(() -> EventFrame.ofPayload(new byte[4], 2, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aMessageFrameIsItsTextInUtf8WhateverItHolds() {
        ChatId chat = new ChatId(UUID.randomUUID());
        Message message = Message.text(new MessageId(UUID.randomUUID()), chat, 3, new UserId(UUID.randomUUID()),
                                       new MessageText("h\u00e9llo \ud83d\udc4b \u2028 \"quoted\" \\ </script> " + "\u00fc".repeat(100)),
                                       Instant.parse("2026-12-02T12:00:00.5Z"));
        ChatEvent event = new ChatEvent(chat, 3, Instant.parse("2026-12-02T12:00:00.5Z"), new EventData.MessageCreated(message));
        EventFrame frame = EventFrame.of(event);
        assertThat(frame.bytes()).isEqualTo(EventFrame.ofText(DomainJson.eventText(event)).bytes());
        assertThat(frame.bytes()[1] & 0x7f).as("two length bytes").isEqualTo(126);
        assertThat(frame.text()).isEqualTo(DomainJson.eventText(event));
        assertThat(DomainJson.eventBytes(event)).isEqualTo(DomainJson.eventText(event).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theLengthTakesOneTwoOrEightBytesAsRfc6455Says() {
        for (int length : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 70_000}) {
            byte[] payload = new byte[length];
            Arrays.fill(payload, (byte) 'x');
            byte[] frame = EventFrame.textFrame(payload);
            int header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
            assertThat(frame).as("length %d", length).hasSize(header + length);
            int code = frame[1] & 0x7f;
            long declared = code < 126 ? code
                    : code == 126 ? ((frame[2] & 0xff) << 8) | (frame[3] & 0xff)
                    : java.nio.ByteBuffer.wrap(frame, 2, 8).getLong();
            assertThat(declared).as("length %d", length).isEqualTo(length);
            assertThat(payload(frame)).isEqualTo(payload);
        }
    }

    private static byte[] payload(byte[] frame) {
        int code = frame[1] & 0x7f;
        int header = code < 126 ? 2 : code == 126 ? 4 : 10;
        return Arrays.copyOfRange(frame, header, frame.length);
    }
}
