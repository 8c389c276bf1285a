package com.chirpchat.bootstrap;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.chirpchat.adapters.inprocess.InProcessRateCounters;
import com.chirpchat.adapters.redis.RedisRateCounters;
import com.chirpchat.application.account.LoginThrottle;
import com.chirpchat.application.account.RegistrationThrottle;
import com.chirpchat.application.limits.RateCounterPort;
import com.chirpchat.application.limits.RateLimiter;
import com.chirpchat.application.limits.UserQuotas;

import io.helidon.config.Config;

/**
 * The throttles and quotas ({@code chirpchat.limits.*}), counted in Redis when {@code chirpchat.redis.url} is set
 * (one limit across every instance), in this instance's memory otherwise.
 */
record Limits(LoginThrottle login, RegistrationThrottle registration, UserQuotas quotas, String mode,
              Optional<RedisRateCounters> redis) implements AutoCloseable {

    static Limits create(Config chirp, Clock clock) {
        Optional<String> url = Settings.text(chirp.get("redis.url"));
        Optional<RedisRateCounters> redis = url.map(u -> RedisRateCounters.create(
                u, Settings.text(chirp.get("redis.channel-prefix")).orElse("chirpchat"), Duration.ofSeconds(1)));
        RateCounterPort counters = redis.<RateCounterPort>map(r -> r).orElseGet(() -> new InProcessRateCounters(100_000));
        RateLimiter limiter = new RateLimiter(counters, clock);
        Config limits = chirp.get("limits");
        LoginThrottle.Settings loginDefaults = LoginThrottle.Settings.defaults();
        LoginThrottle login = new LoginThrottle(limiter, new LoginThrottle.Settings(
                limits.get("login.failures-per-user-and-address").asInt().orElse(loginDefaults.failuresPerUserAndAddress()),
                limits.get("login.failures-per-address").asInt().orElse(loginDefaults.failuresPerAddress()),
                duration(limits.get("login.window"), loginDefaults.window())));
        RegistrationThrottle registration = RegistrationThrottle.of(limiter,
                limits.get("register.per-address").asInt().orElse(20),
                duration(limits.get("register.window"), Duration.ofHours(1)));
        UserQuotas.Settings quotaDefaults = UserQuotas.Settings.defaults();
        UserQuotas quotas = UserQuotas.of(limiter, new UserQuotas.Settings(
                limits.get("posts.per-user").asLong().orElse(quotaDefaults.posts()),
                duration(limits.get("posts.window"), quotaDefaults.postWindow()),
                limits.get("uploads.per-user").asLong().orElse(quotaDefaults.uploads()),
                limits.get("uploads.bytes-per-user").asLong().orElse(quotaDefaults.uploadBytes()),
                duration(limits.get("uploads.window"), quotaDefaults.uploadWindow())));
        return new Limits(login, registration, quotas, redis.isPresent() ? "redis" : "in-process", redis);
    }

    private static Duration duration(Config value, Duration fallback) {
        return value.as(Duration.class).orElse(fallback);
    }

    @Override
    public void close() {
        redis.ifPresent(RedisRateCounters::close);
    }
}
