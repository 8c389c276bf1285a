package com.chirpchat.adapters.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class H2ContentionTest extends ContentionTest {
    @TempDir
    static Path dataDirs;

    @Override
    TestDatabase freshDatabase() {
        try {
            return TestDatabase.h2(Files.createTempDirectory(dataDirs, "db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyPooledSessionHasItsLockTimeout() {
        Persistence persistence = instance(Map.of("lock-timeout", "PT1.5S"));
        assertThat(persistence.dbClient().execute().createQuery("SELECT LOCK_TIMEOUT() AS t").execute()
                           .map(row -> row.column("t").get(Integer.class)).findFirst()).hasValue(1500);
    }

    @Override
    int lockWaiters(Connection observer) throws SQLException {
        try (Statement s = observer.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
