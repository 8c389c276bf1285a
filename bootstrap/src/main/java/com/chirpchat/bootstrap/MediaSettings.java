package com.chirpchat.bootstrap;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;

import com.chirpchat.application.media.RetryPolicy;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.media.ResourceType;

import io.helidon.config.Config;

/**
 * The {@code chirpchat.media} settings: URL lifetime, upload limits per type, how deletions are retried, and when
 * abandoned uploads fail and handled notifications are forgotten.
 */
record MediaSettings(Duration urlLifetime,
                     MediaLimits limits,
                     RetryPolicy deletionRetries,
                     Duration deletionPollInterval,
                     Duration uploadTimeout,
                     Duration notificationRetention,
                     Duration housekeepingInterval) {

    static MediaSettings from(Config media) {
        MediaLimits defaults = MediaLimits.defaults();
        Map<ResourceType, MediaLimits.Limit> limits = new EnumMap<>(ResourceType.class);
        for (ResourceType type : ResourceType.values()) {
            Config node = media.get("limits").get(type.wireName());
            MediaLimits.Limit fallback = defaults.of(type);
            limits.put(type, new MediaLimits.Limit(
                    node.get("max-bytes").asLong().orElse(fallback.maxBytes()),
                    node.get("formats").asList(String.class).map(HashSet::new).orElse(new HashSet<>(fallback.formats()))));
        }
        RetryPolicy retry = RetryPolicy.defaults();
        Config deletion = media.get("deletion");
        RetryPolicy policy = new RetryPolicy(
                deletion.get("initial-delay").as(Duration.class).orElse(retry.initialDelay()),
                deletion.get("max-delay").as(Duration.class).orElse(retry.maxDelay()),
                deletion.get("max-attempts").asInt().orElse(retry.maxAttempts()),
                deletion.get("lease").as(Duration.class).orElse(retry.lease()),
                deletion.get("batch-size").asInt().orElse(retry.batchSize()));
        return new MediaSettings(media.get("url-lifetime").as(Duration.class).orElse(Duration.ofMinutes(5)),
                                 new MediaLimits(limits),
                                 policy,
                                 deletion.get("poll-interval").as(Duration.class).orElse(Duration.ofSeconds(1)),
                                 media.get("upload-timeout").as(Duration.class).orElse(Duration.ofHours(2)),
                                 media.get("notification-retention").as(Duration.class).orElse(Duration.ofDays(7)),
                                 media.get("housekeeping-interval").as(Duration.class).orElse(Duration.ofMinutes(1)));
    }
}
