package com.chirpchat.adapters.http.ws;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The token bucket on a hand-moved clock. */
class FloodLimitTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final FloodLimit limit = new FloodLimit(20, 40, now::get);

    @Test
    void aBurstIsAllowedAtOnceAndNotOneFrameMore() {
        for (int i = 0; i < 40; i++) {
            assertThat(limit.allowsAnother()).as("frame " + (i + 1)).isTrue();
        }
        assertThat(limit.allowsAnother()).isFalse();
    }

    @Test
    void theBucketRefillsAtTheRateUpToTheBurst() {
        for (int i = 0; i < 40; i++) {
            limit.allowsAnother();
        }
        now.addAndGet(50_000_000L); // 50 ms at 20/s: one frame
        assertThat(limit.allowsAnother()).isTrue();
        assertThat(limit.allowsAnother()).isFalse();

        now.addAndGet(60_000_000_000L); // a minute: full again, but no more than the burst
        int allowed = 0;
        while (limit.allowsAnother()) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(40);
    }

    @Test
    void aSteadyClientAtTheRateIsNeverRefused() {
        for (int i = 0; i < 1000; i++) {
            now.addAndGet(50_000_000L);
            assertThat(limit.allowsAnother()).isTrue();
        }
    }
}
