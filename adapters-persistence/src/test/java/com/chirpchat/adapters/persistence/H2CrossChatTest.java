package com.chirpchat.adapters.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.io.TempDir;

class H2CrossChatTest extends CrossChatContract {
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

    @Override
    int lockWaiters(Connection observer) throws SQLException {
        try (Statement s = observer.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
