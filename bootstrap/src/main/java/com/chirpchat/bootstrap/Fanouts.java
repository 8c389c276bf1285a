package com.chirpchat.bootstrap;

import java.time.Duration;
import java.util.Optional;

import com.chirpchat.adapters.inprocess.InProcessFanout;
import com.chirpchat.adapters.redis.RedisFanout;
import com.chirpchat.adapters.redis.RedisFanoutSettings;
import com.chirpchat.application.event.ChatEventFanout;

import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;

/** Chooses the fanout: Redis when {@code chirpchat.redis.url} is set, in-process otherwise. */
final class Fanouts {
    private Fanouts() {
    }

    static Fanout create(Config redis) {
        Optional<String> url = Settings.text(redis.get("url"));
        if (url.isEmpty()) {
            return new Fanout(new InProcessFanout(), "in-process", Optional.empty());
        }
        RedisFanout fanout = RedisFanout.create(RedisFanoutSettings.builder()
                                                        .uri(url.get())
                                                        .sharded(redis.get("sharded").asBoolean().orElse(false))
                                                        .channelPrefix(Settings.text(redis.get("channel-prefix")).orElse("chirpchat"))
                                                        .instanceId(Settings.text(redis.get("instance-id")).orElseGet(Fanouts::hostName))
                                                        .build());
        return new Fanout(fanout, "redis", Optional.of(fanout));
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (java.io.IOException e) {
            return "chirpchat";
        }
    }

    /** The chosen fanout, what to call it in health output, and the Redis adapter when that is the one. */
    record Fanout(ChatEventFanout port, String mode, Optional<RedisFanout> redis) implements AutoCloseable {
        @Override
        public void close() {
            redis.ifPresent(RedisFanout::close);
        }

        /** Readiness: Redis answers a PING within a second (always up in-process). */
        HealthCheck healthCheck() {
            return new Readiness("broker", () -> HealthCheckResponse.builder()
                    .status(redis.map(r -> r.ping(Duration.ofSeconds(1))).orElse(true))
                    .detail("mode", mode)
                    .build());
        }
    }
}
