package com.chirpchat.adapters.persistence;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.chirpchat.adapters.persistence.db.DbSettings;
import com.chirpchat.adapters.persistence.db.PersistenceException;
import com.chirpchat.adapters.persistence.db.SessionLimits;
import com.chirpchat.adapters.persistence.ledger.GroupCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DbSettingsTest {
    @TempDir
    Path dataDir;

    @Test
    void noUrlMeansTheEmbeddedFileInPostgresMode() {
        for (Map<String, String> config : List.of(Map.<String, String>of(), Map.of("url", ""), Map.of("url", "  "))) {
            DbSettings settings = DbSettings.create(TestDatabase.config(config), dataDir);
            assertThat(settings.embedded()).isTrue();
            assertThat(settings.jdbcUrl()).startsWith("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("chirpchat") + ";")
                    .contains("MODE=PostgreSQL", "DATABASE_TO_LOWER=TRUE");
            assertThat(settings.username()).hasValue("sa");
            assertThat(settings.poolSize()).isEqualTo(10);
            assertThat(settings.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(settings.limits()).isEqualTo(SessionLimits.DEFAULTS);
        }
    }

    @Test
    void everyKeyIsRead() {
        DbSettings settings = DbSettings.create(TestDatabase.config(Map.of(
                "url", "jdbc:postgresql://db:5432/chirp?sslmode=require", "username", "chirp", "password", "s3cret",
                "pool-size", "32", "connection-timeout", "PT5S", "lock-timeout", "PT3S", "statement-timeout", "PT20S",
                "idle-in-transaction-timeout", "PT9S")), dataDir);
        assertThat(settings.embedded()).isFalse();
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/chirp?sslmode=require");
        assertThat(settings.username()).hasValue("chirp");
        assertThat(settings.password()).hasValue("s3cret");
        assertThat(settings.poolSize()).isEqualTo(32);
        assertThat(settings.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.limits()).isEqualTo(new SessionLimits(Duration.ofSeconds(3), Duration.ofSeconds(20),
                                                                  Duration.ofSeconds(9)));
        assertThat(settings.toString()).doesNotContain("s3cret", "sslmode");
    }

    @Test
    void theGroupCommitIsConfigured() {
        assertThat(GroupCommit.create(TestDatabase.config(Map.of()))).isEqualTo(GroupCommit.DEFAULTS);
        assertThat(GroupCommit.create(TestDatabase.config(Map.of("batch-size", "16", "batch-linger", "PT0.001S"))))
                .isEqualTo(new GroupCommit(16, Duration.ofMillis(1)));
        assertThat(GroupCommit.create(TestDatabase.config(Map.of())).batchChats()).isEqualTo(16);
        assertThat(GroupCommit.create(TestDatabase.config(Map.of("batch-chats", "1"))).batchChats()).isEqualTo(1);
        assertThat(GroupCommit.DEFAULTS.writers(10, 1)).as("by default as many as processors, at least 2").isEqualTo(2);
        assertThat(GroupCommit.DEFAULTS.writers(10, 4)).isEqualTo(4);
        assertThat(GroupCommit.DEFAULTS.writers(10, 64)).as("never more than the pool").isEqualTo(10);
        assertThat(GroupCommit.DEFAULTS.writers(1, 4)).isEqualTo(1);
        assertThat(GroupCommit.create(TestDatabase.config(Map.of("writers", "2"))).writers(10)).isEqualTo(2);
        assertThat(GroupCommit.create(TestDatabase.config(Map.of("writers", "20"))).writers(10))
                .as("a writer holds a connection: never more than the pool").isEqualTo(10);
    }

    @Test
    void nonsenseIsRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> DbSettings.create(TestDatabase.config(Map.of("pool-size", "0")), dataDir))
                .isInstanceOf(PersistenceException.class).hasMessageContaining("pool-size");
        assertThatThrownBy(() -> DbSettings.create(TestDatabase.config(Map.of("connection-timeout", "PT0.1S")), dataDir))
                .isInstanceOf(PersistenceException.class).hasMessageContaining("connection-timeout");
        for (String key : List.of("lock-timeout", "statement-timeout", "idle-in-transaction-timeout")) {
            assertThatThrownBy(() -> DbSettings.create(TestDatabase.config(Map.of(key, "PT0.01S")), dataDir))
                    .isInstanceOf(PersistenceException.class).hasMessageContaining(key);
        }
        assertThatThrownBy(() -> GroupCommit.create(TestDatabase.config(Map.of("batch-size", "0"))))
                .isInstanceOf(PersistenceException.class).hasMessageContaining("batch-size");
        assertThatThrownBy(() -> GroupCommit.create(TestDatabase.config(Map.of("writers", "-1"))))
                .isInstanceOf(PersistenceException.class).hasMessageContaining("writers");
        assertThatThrownBy(() -> GroupCommit.create(TestDatabase.config(Map.of("batch-chats", "0"))))
                .isInstanceOf(PersistenceException.class).hasMessageContaining("batch-chats");
        assertThatThrownBy(() -> GroupCommit.create(TestDatabase.config(Map.of("batch-linger", "PT1S"))))
                .isInstanceOf(PersistenceException.class).hasMessageContaining("batch-linger");
        assertThatThrownBy(() -> DbSettings.create(TestDatabase.config(Map.of("url", "postgres://x")), dataDir))
                .isInstanceOf(PersistenceException.class).hasMessageContaining("url");
    }

    @Test
    void redactionDropsParametersThatMayHoldCredentials() {
        DbSettings settings = new DbSettings("jdbc:postgresql://h/db?user=u&password=p", Optional.empty(), Optional.empty(), 1,
                                             Duration.ofSeconds(1));
        assertThat(settings.redactedUrl()).isEqualTo("jdbc:postgresql://h/db");
    }
}
