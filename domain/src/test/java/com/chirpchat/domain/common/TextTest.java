package com.chirpchat.domain.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void controlCharactersAreThoseOfIsoExceptTabAndLineBreaks() {
        assertThat(Text.hasControlCharacters("plain text, \u00e9, \ud83d\udc4b, \u2028")).isFalse();
        assertThat(Text.hasControlCharacters("tab\tnewline\ncr\r")).isFalse();
        assertThat(Text.hasControlCharacters("")).isFalse();
        for (int c = 0; c <= 0xffff; c++) {
            boolean control = Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t';
            assertThat(Text.hasControlCharacters("a" + (char) c + "b")).as("U+%04X", c).isEqualTo(control);
        }
        assertThat(Text.hasControlCharacters("\ud83d\udc4b\u0085")).as("NEL after an emoji").isTrue();
        assertThat(Text.hasControlCharacters("x\u007f")).as("DEL at the end").isTrue();
    }
}
