package com.chirpchat.adapters.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import com.chirpchat.adapters.persistence.db.DbSettings;

/**
 * An embedded H2 file database in a directory. Instances opened on it are pools on one H2 file in this JVM (H2
 * shares the open database).
 */
final class H2TestDatabase implements TestDatabase {
    private final Path dir;

    H2TestDatabase(Path dir) {
        this.dir = dir;
    }

    /** A new, empty database in a new directory under {@code parent} (a JUnit temporary directory). */
    static H2TestDatabase freshIn(Path parent) {
        try {
            return new H2TestDatabase(Files.createTempDirectory(parent, "db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Persistence open(Map<String, String> extraConfig) {
        return Persistence.create(TestDatabase.config(extraConfig), dir);
    }

    @Override
    public DbSettings settings() {
        return DbSettings.create(TestDatabase.config(Map.of()), dir);
    }

    @Override
    public int lockWaiters(Connection observer) throws SQLException {
        return Integer.parseInt(single(observer, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL", null));
    }

    @Override
    public String session(Connection connection) throws SQLException {
        return single(connection, "SELECT SESSION_ID()", null);
    }

    @Override
    public boolean waitsForALock(Connection observer, String session) throws SQLException {
        return single(observer, "SELECT BLOCKER_ID FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = ?", session) != null;
    }

    @Override
    public void close() {
        // JUnit deletes the temporary directory
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
