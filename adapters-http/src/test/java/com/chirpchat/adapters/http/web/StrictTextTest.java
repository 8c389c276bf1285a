package com.chirpchat.adapters.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class StrictTextTest {
    /** The definition: the JDK's UTF-8 decoder, reporting every error. */
    private static boolean decodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void acceptsWellFormedUtf8AndRefusesEachKindOfIllFormed() {
        assertThat(StrictText.isUtf8("{\"text\":\"h\u00e9llo \ud83d\udc4b \u20ac \uffff \udbff\udfff\"}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(StrictText.isUtf8(new byte[0])).isTrue();
        for (String bad : new String[] {"c0af", "c1bf", "e080af", "f08080af", "eda080", "edbfbf", "f4908080", "f5808080",
                "ff", "80", "bf", "c3", "e282", "f09f91", "c328", "e228a1", "f0288cbc", "e2822861"}) {
            assertThat(StrictText.isUtf8(hex(bad))).as(bad).isFalse();
            assertThat(decodes(hex(bad))).as("the JDK agrees on " + bad).isFalse();
        }
    }

    @Test
    void agreesWithTheJdksDecoderOnEveryShortSequenceAndRandomBodies() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                byte[] two = {(byte) a, (byte) b};
                assertThat(StrictText.isUtf8(two)).as("%02x %02x", a, b).isEqualTo(decodes(two));
                for (int c : new int[] {0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xe0, 0xff}) {
                    byte[] three = {(byte) a, (byte) b, (byte) c};
                    assertThat(StrictText.isUtf8(three)).as("%02x %02x %02x", a, b, c).isEqualTo(decodes(three));
                    byte[] four = {(byte) a, (byte) b, (byte) c, (byte) 0x80};
                    assertThat(StrictText.isUtf8(four)).as("%02x %02x %02x 80", a, b, c).isEqualTo(decodes(four));
                }
            }
        }
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            byte[] body = new byte[random.nextInt(1, 24)];
            for (int k = 0; k < body.length; k++) {
                // mostly the bytes UTF-8 is made of, so that many bodies are well-formed or nearly
                int pick = random.nextInt(5);
                body[k] = (byte) (pick == 0 ? random.nextInt(0x80) : pick == 1 ? 0x80 + random.nextInt(0x40)
                        : pick == 2 ? 0xc0 + random.nextInt(0x20) : pick == 3 ? 0xe0 + random.nextInt(0x10) : 0xf0 + random.nextInt(0x10));
            }
            assertThat(StrictText.isUtf8(body)).as(HexFormat.of().formatHex(body)).isEqualTo(decodes(body));
        }
    }
}
