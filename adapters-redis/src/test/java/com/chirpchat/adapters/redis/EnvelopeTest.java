package com.chirpchat.adapters.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.wire.DomainJson;
import com.chirpchat.wire.EventCodec;
import com.chirpchat.wire.EventFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EnvelopeTest {
    private static final String ORIGIN = "node-1:3f2a";
    private static final ChatId CHAT = new ChatId(UUID.randomUUID());
    /** Text that is longer in UTF-8 than in chars, and has the header's separators in it. */
    private static final ChatEvent EVENT = new ChatEvent(CHAT, 12, Instant.parse("2026-12-06T10:00:00Z"),
            new EventData.MessageCreated(Message.text(new MessageId(UUID.randomUUID()), CHAT, 12, new UserId(UUID.randomUUID()),
                                                      new MessageText("h\u00e9 \ud83d\udc4b\nline 2 chirpchat-event/3 x 9\n"),
                                                      Instant.parse("2026-12-06T10:00:00Z"))));

    @Test
    void carriesTheEventAndTheFrameBytesUnchanged() {
        EventFrame frame = EventFrame.of(EVENT);
        byte[] message = Envelope.encode(ORIGIN, EventCodec.encodeBytes(EVENT), frame);
        Envelope decoded = Envelope.decode(message);

        assertThat(decoded.origin()).isEqualTo(ORIGIN);
        assertThat(decoded.eventText()).isEqualTo(EventCodec.encode(EVENT));
        assertThat(decoded.event()).isEqualTo(EVENT);
        assertThat(decoded.frame()).hasValueSatisfying(carried -> {
            assertThat(carried.bytes()).isEqualTo(frame.bytes());
            assertThat(carried.text()).isEqualTo(DomainJson.eventText(EVENT));
        });
        String header = ("chirpchat-event/3 " + ORIGIN + " " + EventCodec.encodeBytes(EVENT).length + "\n");
        assertThat(new String(message, 0, header.length(), StandardCharsets.US_ASCII)).isEqualTo(header);
    }

    @Test
    void theCodecToldItsOwnMessagesByTheirFirstBytesAndCopiesOthers() {
        byte[] own = Envelope.encode(ORIGIN, EventCodec.encodeBytes(EVENT), EventFrame.of(EVENT));
        byte[] prefixOrigin = Envelope.encode("node-1:3f", EventCodec.encodeBytes(EVENT), EventFrame.of(EVENT));
        byte[] longerOrigin = Envelope.encode(ORIGIN + "0", EventCodec.encodeBytes(EVENT), EventFrame.of(EVENT));
        EnvelopeCodec codec = new EnvelopeCodec(ORIGIN);

        ByteBuffer ownBuffer = inside(own);
        assertThat(codec.decodeValue(ownBuffer)).isSameAs(EnvelopeCodec.OWN);
        assertThat(ownBuffer.hasRemaining()).as("consumed, as a codec must").isFalse();
        for (byte[] other : new byte[][] {prefixOrigin, longerOrigin, "chirpchat-event/3 node".getBytes(StandardCharsets.UTF_8), {}}) {
            assertThat(codec.decodeValue(inside(other))).as("a prefix or extension of the origin is another origin")
                    .isNotSameAs(EnvelopeCodec.OWN).isEqualTo(other);
        }
        assertThat(codec.encodeValue(own)).isEqualTo(ByteBuffer.wrap(own));
        assertThat(codec.decodeKey(codec.encodeKey("chirpchat:chat:{\u00e9}"))).isEqualTo("chirpchat:chat:{\u00e9}");
    }

    /** The bytes in the middle of a larger buffer, as lettuce hands them over. */
    private static ByteBuffer inside(byte[] bytes) {
        byte[] around = new byte[bytes.length + 6];
        Arrays.fill(around, (byte) 'c');
        System.arraycopy(bytes, 0, around, 3, bytes.length);
        return ByteBuffer.wrap(around, 3, bytes.length);
    }

    @Test
    void readsTheTextFormatsOfEarlierVersions() {
        String event = EventCodec.encode(EVENT);
        String frame = DomainJson.eventText(EVENT);
        String two = "chirpchat-event/2 old:1 " + event.length() + "\n" + event + frame;
        Envelope fromTwo = Envelope.decode(two.getBytes(StandardCharsets.UTF_8));
        assertThat(fromTwo.origin()).isEqualTo("old:1");
        assertThat(fromTwo.event()).isEqualTo(EVENT);
        assertThat(fromTwo.frame()).hasValueSatisfying(f -> assertThat(f.bytes()).isEqualTo(EventFrame.of(EVENT).bytes()));

        Envelope fromOne = Envelope.decode(("chirpchat-event/1 old:1\n" + event).getBytes(StandardCharsets.UTF_8));
        assertThat(fromOne.origin()).isEqualTo("old:1");
        assertThat(fromOne.event()).isEqualTo(EVENT);
        assertThat(fromOne.frame()).isEmpty();
    }

    @Test
    void refusesWhatItDidNotWrite() {
        for (String text : new String[] {"{\"type\":\"message_created\"}", "chirpchat-event/1 origin-without-body",
                                         "chirpchat-event/2 origin 99\n{}", "chirpchat-event/2 origin x\n{}",
                                         "chirpchat-event/3 origin 99\n{}", "chirpchat-event/3 origin -1\n{}",
                                         "chirpchat-event/3 origin 1x\n{}", "chirpchat-event/3 origin 99999999999\n{}",
                                         "chirpchat-event/3 origin\n{}", "chirpchat-event/3  2\n{}", ""}) {
            assertThatIllegalArgumentException().as(text)
                    .isThrownBy(() -> Envelope.decode(text.getBytes(StandardCharsets.UTF_8)));
        }
        assertThatIllegalArgumentException().as("a header that fits but an event that does not read")
                .isThrownBy(() -> Envelope.decode("chirpchat-event/3 origin 2\n{}".getBytes(StandardCharsets.UTF_8)).event());
        assertThatIllegalArgumentException().isThrownBy(() -> Envelope.ownPrefix("two words"));
        assertThatIllegalArgumentException().isThrownBy(() -> Envelope.encode("", new byte[0], EventFrame.of(EVENT)));
    }
}
