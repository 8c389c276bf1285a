package com.chirpchat.adapters.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import com.chirpchat.adapters.persistence.db.DbSettings;

/**
 * An embedded H2 file database in a directory. Instances opened on it are pools on one H2 file in this JVM (H2
 * shares the open database).
 */
final class H2TestDatabase implements TestDatabase {
    private final Path dir;
    private final boolean removesDir;

    private H2TestDatabase(Path dir, boolean removesDir) {
        this.dir = dir;
        this.removesDir = removesDir;
    }

    /** The database in {@code dir}, which the caller removes (a JUnit temporary directory, say). */
    static H2TestDatabase in(Path dir) {
        return new H2TestDatabase(dir, false);
    }

    /** A new, empty database in a temporary directory of its own, which {@link #close} removes. */
    static H2TestDatabase temporary() {
        try {
            return new H2TestDatabase(Files.createTempDirectory("chirpchat-h2-"), true);
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
        if (!removesDir) {
            return; // JUnit deletes the temporary directory
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
