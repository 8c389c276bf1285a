package com.chirpchat.adapters.redis;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EnvelopeTest {
    @Test
    void carriesTheOriginAndTheEventTextUnchanged() {
        String event = "{\"type\":\"message_deleted\",\"text\":\"line one\\nline two\"}\n";
        Envelope decoded = Envelope.decode(new Envelope("node-1:3f2a", event).encode());

        assertThat(decoded.origin()).isEqualTo("node-1:3f2a");
        assertThat(decoded.event()).isEqualTo(event);
        assertThat(decoded.frame()).isEmpty();
    }

    @Test
    void carriesTheRenderedFrameAfterTheEvent() {
        String event = "{\"type\":\"message_created\",\"text\":\"a\\nb 12\"}\n";
        String frame = "{\"type\":\"message_created\"}\n 7";
        String encoded = new Envelope("node-1:3f2a", event, Optional.of(frame)).encode();
        Envelope decoded = Envelope.decode(encoded);

        assertThat(decoded).isEqualTo(new Envelope("node-1:3f2a", event, Optional.of(frame)));
        assertThat(Envelope.isFrom(encoded, "node-1:3f2a")).isTrue();
        assertThat(Envelope.isFrom(encoded, "node-1")).as("a prefix of the origin is another origin").isFalse();
        assertThat(Envelope.isFrom(new Envelope("node-1:3f2a", event).encode(), "node-1:3f2a")).isTrue();
        assertThat(Envelope.isFrom(new Envelope("node-1:3f2a", event).encode(), "node-1:3f")).isFalse();
    }

    @Test
    void refusesWhatItDidNotWrite() {
        assertThatIllegalArgumentException().isThrownBy(() -> Envelope.decode("{\"type\":\"message_created\"}"));
        assertThatIllegalArgumentException().isThrownBy(() -> Envelope.decode("chirpchat-event/1 origin-without-body"));
        assertThatIllegalArgumentException().isThrownBy(() -> Envelope.decode("chirpchat-event/2 origin 99\n{}"));
        assertThatIllegalArgumentException().isThrownBy(() -> Envelope.decode("chirpchat-event/2 origin x\n{}"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Envelope("two words", "{}"));
    }
}
