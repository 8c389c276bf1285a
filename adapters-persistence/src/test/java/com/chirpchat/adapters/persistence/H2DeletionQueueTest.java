package com.chirpchat.adapters.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.io.TempDir;

/** Instances of the embedded database are pools on one H2 file in this JVM (H2 shares the open database). */
class H2DeletionQueueTest extends DeletionQueueTest {
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
    String session(Connection connection) throws SQLException {
        return single(connection, "SELECT SESSION_ID()", null);
    }

    @Override
    boolean waitsForALock(Connection observer, String session) throws SQLException {
        return single(observer, "SELECT BLOCKER_ID FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = ?", session) != null;
    }

    private static String single(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            if (parameter != null) {
                p.setInt(1, Integer.parseInt(parameter));
            }
            try (ResultSet rows = p.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
