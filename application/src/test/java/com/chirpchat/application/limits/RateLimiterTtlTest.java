package com.chirpchat.application.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RateLimiterTtlTest {
    /** Remembers the ttl every count is given. */
    private static final class TtlCounters implements RateCounterPort {
        final List<Duration> ttls = new ArrayList<>();

        @Override
        public long add(String key, long window, long amount, Duration ttl) {
            ttls.add(ttl);
            return amount;
        }

        @Override
        public Counts counts(String key, long window) {
            return new Counts(0, 0);
        }

        @Override
        public void clear(String key, long window) {
        }
    }

    @Test
    void aCounterLivesTwoWindowsAndAMinute() {
        TtlCounters counters = new TtlCounters();
        RateLimiter limiter = new RateLimiter(counters, Clock.fixed(Instant.parse("2026-12-03T14:00:00Z"), ZoneOffset.UTC));
        limiter.record(new RateLimit("posts-u", 60, Duration.ofMinutes(1)), "u", 1);
        limiter.record(new RateLimit("uploads-u", 500, Duration.ofDays(1)), "u", 1);
        limiter.consume(new RateLimit("login", 5, Duration.ofMillis(1500)), "a", 1, "slow down");
        assertThat(counters.ttls).containsExactly(Duration.ofSeconds(180), Duration.ofDays(2).plusSeconds(60),
                                                  Duration.ofSeconds(63));
    }
}
