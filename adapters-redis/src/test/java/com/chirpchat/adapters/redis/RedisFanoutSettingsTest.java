package com.chirpchat.adapters.redis;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedisFanoutSettingsTest {
    @Test
    void hasUsableDefaults() {
        RedisFanoutSettings settings = RedisFanoutSettings.builder().build();

        assertThat(settings.uri()).isEqualTo("redis://127.0.0.1:6379/0");
        assertThat(settings.channelPrefix()).isEqualTo("chirpchat");
        assertThat(settings.sharded()).isFalse();
        assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.instanceId()).matches("instance-[0-9a-f]{8}");
    }

    @Test
    void neverShowsThePassword() {
        RedisFanoutSettings settings = RedisFanoutSettings.create("rediss://app:s3cret@redis.example:6380/1");

        assertThat(settings.safeUri()).isEqualTo("rediss://***@redis.example:6380/1");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void refusesSettingsThatWouldBreakChannelNamesOrWaitForever() {
        var builder = RedisFanoutSettings.builder();
        assertThatIllegalArgumentException().isThrownBy(() -> builder.uri("http://localhost").build());
        assertThatIllegalArgumentException().isThrownBy(() -> RedisFanoutSettings.create("redis-socket:///tmp/redis.sock"));
        assertThatIllegalArgumentException().isThrownBy(() -> RedisFanoutSettings.builder().channelPrefix("a{b}").build());
        assertThatIllegalArgumentException().isThrownBy(() -> RedisFanoutSettings.builder().channelPrefix("").build());
        assertThatIllegalArgumentException().isThrownBy(() -> RedisFanoutSettings.builder().instanceId("two words").build());
        assertThatIllegalArgumentException().isThrownBy(() -> RedisFanoutSettings.builder().commandTimeout(Duration.ZERO).build());
        assertThatIllegalArgumentException().isThrownBy(() -> RedisFanoutSettings.builder().maxReconnectDelay(Duration.ofHours(1)).build());
    }
}
