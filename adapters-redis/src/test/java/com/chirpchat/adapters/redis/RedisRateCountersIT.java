package com.chirpchat.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.contract.RateCounterContract;
import com.chirpchat.application.fakes.MutableClock;
import com.chirpchat.application.limits.RateCounterPort;
import com.chirpchat.application.limits.RateLimit;
import com.chirpchat.application.limits.RateLimiter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rate counter contract on the real Redis, and a limit shared by two instances. */
class RedisRateCountersIT extends RateCounterContract {
    private final String prefix = "rc" + UUID.randomUUID().toString().substring(0, 8);
    private final java.util.List<RedisRateCounters> opened = new java.util.ArrayList<>();

    @BeforeAll
    static void redis() {
        RedisSupport.requireRedis();
    }

    @Override
    protected RateCounterPort counters() {
        return open();
    }

    private RedisRateCounters open() {
        RedisRateCounters counters = RedisRateCounters.create(RedisSupport.URI, prefix, Duration.ofSeconds(2));
        opened.add(counters);
        assertThat(counters.connected()).isTrue();
        return counters;
    }

    @AfterEach
    void close() {
        opened.forEach(RedisRateCounters::close);
    }

    @Test
    void twoInstancesShareOneLimit() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
        RateLimiter first = new RateLimiter(open(), clock);
        RateLimiter second = new RateLimiter(open(), clock);
        RateLimit limit = new RateLimit("shared", 4, Duration.ofMinutes(1));
        String subject = "user-" + UUID.randomUUID();
        first.consume(limit, subject, 1, "no");
        second.consume(limit, subject, 1, "no");
        first.consume(limit, subject, 1, "no");
        second.consume(limit, subject, 1, "no");
        for (RateLimiter either : new RateLimiter[] {first, second}) {
            try {
                either.consume(limit, subject, 1, "no");
                throw new AssertionError("the fifth in a minute, on either instance, is refused");
            } catch (UseCaseException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            }
        }
        assertThat(second.exceeded(limit, subject)).isPresent();
        clock.advance(Duration.ofMinutes(2));
        assertThat(first.exceeded(limit, subject)).isEmpty();
    }

    @Test
    void keysExpireAndStayUnderTheirPrefix() {
        String key = key("ttl");
        counters.add(key, 5, 1, Duration.ofSeconds(30));
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(RedisSupport.URI);
        try (var connection = client.connect()) {
            var redis = connection.sync();
            java.util.List<String> keys = redis.keys(prefix + ":rate:*");
            assertThat(keys).containsExactly(prefix + ":rate:{" + key + "}:5");
            assertThat(redis.pttl(keys.getFirst())).isBetween(1L, 30_000L);
        } finally {
            client.shutdown();
        }
    }
}
