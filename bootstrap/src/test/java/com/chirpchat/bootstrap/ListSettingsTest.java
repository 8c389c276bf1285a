package com.chirpchat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.helidon.config.Config;

import org.junit.jupiter.api.Test;

/**
 * List settings given as one comma-separated string (an environment variable, ALLOWED_ORIGINS) must reach the
 * adapter as that string: application.yaml must not define them as an empty list, or the merged node is a list
 * without elements and the string is lost.
 */
class ListSettingsTest {
    @Test
    void aCommaSeparatedOverrideOfAListSettingIsKept() {
        for (String key : new String[] {"chirpchat.ws.allowed-origins", "chirpchat.http.trusted-proxies"}) {
            Config node = Settings.load(Map.of(key, "https://a.example,https://b.example")).get(key);
            assertThat(node.isLeaf()).as(key).isTrue();
            assertThat(node.asString().orElse("")).as(key).isEqualTo("https://a.example,https://b.example");
        }
    }
}
