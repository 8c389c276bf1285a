package com.chirpchat.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import com.chirpchat.domain.user.Password;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

class Argon2PasswordHasherTest {
    /** Cheap parameters: the tests check behaviour, not strength. */
    private final Argon2PasswordHasher hasher = Argon2PasswordHasher.create(
            config(Map.of("memory-kib", "64", "iterations", "1", "parallelism", "1")));

    private static Config config(Map<String, String> values) {
        return Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values)).build();
    }

    @Test
    void defaultsAreOwaspsArgon2idMinimum() {
        Argon2PasswordHasher defaults = Argon2PasswordHasher.create(Config.empty());

        assertThat(defaults.memoryKib()).isEqualTo(19456);
        assertThat(defaults.iterations()).isEqualTo(2);
        assertThat(defaults.parallelism()).isEqualTo(1);
    }

    @Test
    void hashesAreSaltedArgon2idStrings() {
        Password password = new Password("correct horse battery");

        String first = hasher.hash(password);
        String second = hasher.hash(password);

        assertThat(first).startsWith("$argon2id$v=19$m=64,t=1,p=1$").doesNotContain("correct horse");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash(new Password("correct horse battery"));

        assertThat(hasher.verify(new Password("correct horse battery"), hash)).isTrue();
        assertThat(hasher.verify(new Password("correct horse battery!"), hash)).isFalse();
        assertThat(hasher.verify(new Password("Correct horse battery"), hash)).isFalse();
    }

    @Test
    void hashesWithOtherParametersStillVerify() {
        String older = Argon2PasswordHasher.create(config(Map.of("memory-kib", "32", "iterations", "2"))).hash(new Password("password1"));

        assertThat(hasher.verify(new Password("password1"), older)).isTrue();
    }

    @Test
    void unreadableHashesDoNotMatch() {
        Password password = new Password("password1");

        assertThat(hasher.verify(password, "")).isFalse();
        assertThat(hasher.verify(password, "fake-hash:1drowssap")).isFalse();
        assertThat(hasher.verify(password, "$argon2id$v=19$m=64,t=1,p=1$garbage")).isFalse();
        assertThat(hasher.verify(password, "$2a$10$abcdefghijklmnopqrstuu")).isFalse();
    }

    @Test
    void decoyHashesAreRealHashesOfUnknownPasswords() {
        String decoy = hasher.decoyHash();

        assertThat(decoy).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(hasher.verify(new Password("decoy-password"), decoy)).isFalse();
        assertThat(hasher.decoyHash()).isNotEqualTo(decoy);
    }

    @Test
    void nonsenseParametersAreRefused() {
        assertThatThrownBy(() -> Argon2PasswordHasher.create(config(Map.of("parallelism", "0")))).hasMessageContaining("argon2");
        assertThatThrownBy(() -> Argon2PasswordHasher.create(config(Map.of("memory-kib", "4")))).hasMessageContaining("argon2");
    }
}
