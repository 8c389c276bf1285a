package com.chirpchat.adapters.redis;

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
    }

    @Test
    void refusesWhatItDidNotWrite() {
        assertThatIllegalArgumentException().isThrownBy(() -> Envelope.decode("{\"type\":\"message_created\"}"));
        assertThatIllegalArgumentException().isThrownBy(() -> Envelope.decode("chirpchat-event/1 origin-without-body"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Envelope("two words", "{}"));
    }
}
