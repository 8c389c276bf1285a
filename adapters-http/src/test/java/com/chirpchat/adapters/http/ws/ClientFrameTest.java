package com.chirpchat.adapters.http.ws;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Client frames are read with the shared mapper's rules, through ClientFrame's own buffer pool. */
class ClientFrameTest {

    @Test
    void aFrameIsOneJsonObjectWithAStringType() {
        assertThat(ClientFrame.parse("{\"type\":\"ping\"}")).get().extracting(ClientFrame::type).isEqualTo("ping");
        assertThat(ClientFrame.parse("{\"type\":\"auth\",\"token\":\"t\"}").flatMap(ClientFrame::authToken)).contains("t");
        for (String text : new String[] {"", "not json", "[1]", "{\"type\":1}", "{\"type\":\"ping\"} {\"type\":\"ping\"}",
                                         "{\"type\":\"ping\"} trailing", "{\"type\":\"ping\""}) {
            assertThat(ClientFrame.parse(text)).as(text).isEmpty();
        }
    }

    @Test
    void theSharedMappersLimitsHold() {
        String deep = "{\"type\":\"ping\",\"x\":" + "[".repeat(40) + "]".repeat(40) + "}";
        assertThat(ClientFrame.parse(deep)).as("nesting over 32").isEmpty();
        String ok = "{\"type\":\"ping\",\"x\":" + "[".repeat(20) + "]".repeat(20) + "}";
        assertThat(ClientFrame.parse(ok)).isPresent();
    }

    @Test
    void framesWeSendAreJson() {
        assertThat(ClientFrame.hello("u", "c")).isEqualTo("{\"type\":\"hello\",\"userId\":\"u\",\"connectionId\":\"c\"}");
        assertThat(ClientFrame.error("bad_frame", "a \"quoted\" detail"))
                .isEqualTo("{\"type\":\"error\",\"code\":\"bad_frame\",\"detail\":\"a \\\"quoted\\\" detail\"}");
    }
}
