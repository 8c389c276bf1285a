package com.chirpchat.adapters.persistence;

import java.nio.file.Path;
import java.util.Map;

import com.chirpchat.adapters.persistence.db.PersistenceException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database that cannot be reached stops start-up with a message that names it, never its password. */
class ConnectionFailureTest {
    @Test
    void anUnreachableServerIsReportedWithoutCredentials() {
        Map<String, String> config = Map.of("url", "jdbc:postgresql://127.0.0.1:1/nowhere?password=url-secret",
                                            "username", "postgres", "password", "key-secret", "connection-timeout", "PT1S");
        assertThatThrownBy(() -> Persistence.create(TestDatabase.config(config), Path.of("unused")))
                .isInstanceOf(PersistenceException.class)
                .hasMessage("cannot connect to the database at jdbc:postgresql://127.0.0.1:1/nowhere");
    }

    @Test
    void wrongCredentialsAreReportedWithoutThem() {
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            Map<String, String> config = Map.of("url", database.url(), "username", "no_such_role_" + System.nanoTime(),
                                                "password", "key-secret", "connection-timeout", "PT1S");
            assertThatThrownBy(() -> Persistence.create(TestDatabase.config(config), Path.of("unused")))
                    .isInstanceOf(PersistenceException.class)
                    .hasMessageNotContaining("key-secret")
                    .hasMessageStartingWith("cannot connect to the database at jdbc:postgresql://");
        }
    }
}
