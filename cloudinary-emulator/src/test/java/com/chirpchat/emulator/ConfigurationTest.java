package com.chirpchat.emulator;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code MediaEmulator.create(Config)} and the stand-alone launcher's environment/argument mapping. */
@SuppressWarnings({"rawtypes", "unchecked"}) // the Cloudinary SDK\'s API is raw-typed
class ConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void createsFromAConfigNode() {
        Config config = Config.just(ConfigSources.create(Map.of(
                "media.port", "0",
                "media.data-dir", dir.resolve("d").toString(),
                "media.cloud-name", "democloud",
                "media.api-key", "k1",
                "media.api-secret", "s1",
                "media.token-key", "abcd",
                "media.notifications.signature-algorithm", "SHA256",
                "media.notifications.max-attempts", "3",
                "media.faults.destroy-failures", "2",
                "media.faults.stall-ms.upload", "5")));
        MediaEmulator emulator = MediaEmulator.create(config.get("media"));
        assertThat(emulator.cloudName()).isEqualTo("democloud");
        assertThat(emulator.apiKey()).isEqualTo("k1");
        assertThat(emulator.tokenKey()).isEqualTo("abcd");
        assertThat(emulator.faults().state()).containsEntry("destroy_failures", 2);
        assertThat(((Map<?, ?>) emulator.faults().state().get("stall_ms")).get("upload")).isEqualTo(5L);
        emulator.start();
        try {
            assertThat(emulator.port()).isPositive();
            assertThat(emulator.baseUri()).isEqualTo("http://127.0.0.1:" + emulator.port());
            assertThat(emulator.sdkConfig()).containsEntry("upload_prefix", emulator.baseUri())
                    .containsEntry("cname", "127.0.0.1:" + emulator.port()).containsEntry("secure", false)
                    .containsEntry("analytics", false);
            assertThat(new com.cloudinary.Cloudinary(emulator.cloudinaryUrl()).url().generate("x.jpg"))
                    .isEqualTo(emulator.baseUri() + "/democloud/image/upload/x.jpg");
        } finally {
            emulator.stop();
        }
    }

    @Test
    void badConfigurationIsReportedClearly() {
        Config config = Config.just(ConfigSources.create(Map.of("token-key", "not-hex", "data-dir", dir.toString())));
        assertThatThrownBy(() -> MediaEmulator.create(config)).isInstanceOf(MediaEmulatorException.class)
                .hasMessageContaining("tokenKey");
        Config algo = Config.just(ConfigSources.create(Map.of("notifications.signature-algorithm", "MD5", "data-dir", dir.toString())));
        assertThatThrownBy(() -> MediaEmulator.create(algo)).isInstanceOf(MediaEmulatorException.class)
                .hasMessageContaining("SHA1 or SHA256");
    }

    @Test
    void launcherMapsEnvironmentAndArguments() {
        Map<String, String> settings = Main.settings(Map.of("MEDIA_EMULATOR_PORT", "9000", "MEDIA_EMULATOR_DATA_DIR", "/tmp/x",
                        "MEDIA_EMULATOR_NOTIFICATIONS__MAX_ATTEMPTS", "4", "PATH", "/bin"),
                new String[] {"--port=9100", "--cloud-name=c"});
        assertThat(settings).containsEntry("port", "9100").containsEntry("data-dir", "/tmp/x")
                .containsEntry("notifications.max-attempts", "4").containsEntry("cloud-name", "c").doesNotContainKey("path");
        assertThatThrownBy(() -> Main.settings(Map.of(), new String[] {"9000"})).isInstanceOf(MediaEmulatorException.class);
    }
}
