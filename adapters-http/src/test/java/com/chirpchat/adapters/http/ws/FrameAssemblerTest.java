package com.chirpchat.adapters.http.ws;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameAssemblerTest {
    private final FrameAssembler frames = new FrameAssembler(10);

    @Test
    void fragmentsMakeOneMessage() {
        assertThat(frames.text("{\"a\"", false)).isInstanceOf(FrameAssembler.Partial.class);
        assertThat(frames.text(":1}", true)).isEqualTo(new FrameAssembler.Text("{\"a\":1}"));
        assertThat(frames.text("next", true)).as("the next message starts afresh").isEqualTo(new FrameAssembler.Text("next"));
    }

    @Test
    void theCapCountsAllFragmentsInUtf8Bytes() {
        assertThat(frames.text("12345", false)).isInstanceOf(FrameAssembler.Partial.class);
        assertThat(frames.text("é", false)).as("2 bytes: 7 so far").isInstanceOf(FrameAssembler.Partial.class);
        assertThat(frames.text("€", true)).as("3 more bytes: exactly 10").isEqualTo(new FrameAssembler.Text("12345é€"));
        assertThat(frames.text("1234567890", true)).isInstanceOf(FrameAssembler.Text.class);
        assertThat(frames.text("12345678901", true)).isInstanceOf(FrameAssembler.TooBig.class);
    }

    @Test
    void aMessageOverTheCapIsForgottenAndTheNextOneCountsFromZero() {
        frames.text("123456", false);
        assertThat(frames.text("789012", false)).isInstanceOf(FrameAssembler.TooBig.class);
        assertThat(frames.text("short", true)).isEqualTo(new FrameAssembler.Text("short"));
    }

    @Test
    void binaryMessagesAreCountedToo() {
        assertThat(frames.binary(6, false)).isInstanceOf(FrameAssembler.Partial.class);
        assertThat(frames.binary(4, true)).isInstanceOf(FrameAssembler.Binary.class);
        assertThat(frames.binary(6, false)).isInstanceOf(FrameAssembler.Partial.class);
        assertThat(frames.binary(5, true)).isInstanceOf(FrameAssembler.TooBig.class);
        assertThat(frames.binary(10, true)).as("counted from zero again").isInstanceOf(FrameAssembler.Binary.class);
    }
}
