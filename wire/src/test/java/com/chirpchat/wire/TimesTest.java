package com.chirpchat.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TimesTest {
    /** The wire format's definition, which the hand-written common case must match exactly. */
    private static final DateTimeFormatter DEFINITION =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static String defined(Instant instant) {
        return DEFINITION.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void writesThreeFractionDigitsInUtc() {
        assertThat(Times.format(Instant.parse("2026-11-23T10:15:30.123456789Z"))).isEqualTo("2026-11-23T10:15:30.123Z");
        assertThat(Times.format(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05.000Z");
        assertThat(Times.format(Instant.parse("2024-02-29T23:59:59.999999Z"))).isEqualTo("2024-02-29T23:59:59.999Z");
        assertThat(Times.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(Times.format(Instant.parse("1969-12-31T23:59:59.001Z"))).as("before the epoch").isEqualTo("1969-12-31T23:59:59.001Z");
    }

    @Test
    void matchesTheFormattersDefinitionEverywhere() {
        Instant[] edges = {Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("+99999-06-01T12:00:00.042Z"),
                Instant.parse("-0500-03-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59.5Z")};
        for (Instant edge : edges) {
            assertThat(Times.format(edge)).as(edge.toString()).isEqualTo(defined(edge));
        }
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-70_000_000_000L, 300_000_000_000L), random.nextInt(1_000_000_000));
            assertThat(Times.format(instant)).as(instant.toString()).isEqualTo(defined(instant));
        }
    }

    @Test
    void readsBackWhatItWrites() {
        Instant instant = Instant.parse("2026-12-03T13:45:07.250Z");
        assertThat(Times.parse(Times.format(instant))).isEqualTo(instant);
    }
}
