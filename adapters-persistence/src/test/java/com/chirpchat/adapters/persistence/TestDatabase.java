package com.chirpchat.adapters.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import com.chirpchat.adapters.persistence.db.DbSettings;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/** A database for one test class: opened as often as the test likes (same data each time), removed at the end. */
interface TestDatabase extends AutoCloseable {
    /** A new Persistence on this database, with the given extra configuration keys. */
    Persistence open(Map<String, String> extraConfig);

    default Persistence open() {
        return open(Map.of());
    }

    /** Where this database is, as the store would be configured for it. */
    DbSettings settings();

    /** A plain driver connection, for tests that work below the store (raw rows, a hand-held transaction). */
    default Connection connect() throws SQLException {
        DbSettings settings = settings();
        Properties properties = new Properties();
        settings.username().ifPresent(u -> properties.setProperty("user", u));
        settings.password().ifPresent(p -> properties.setProperty("password", p));
        return DriverManager.getConnection(settings.jdbcUrl(), properties);
    }

    /** The number of sessions waiting for a lock another session holds (asked on {@code observer}). */
    int lockWaiters(Connection observer) throws SQLException;

    /** How the database names the session of {@code connection} (asked on that connection). */
    String session(Connection connection) throws SQLException;

    /** Whether {@code session} is waiting for a lock another session holds (asked on {@code observer}). */
    boolean waitsForALock(Connection observer, String session) throws SQLException;

    /** Removes the database. */
    @Override
    void close();

    static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(new HashMap<>(values)));
    }

    /** An embedded H2 file database in {@code dir}. */
    static TestDatabase h2(Path dir) {
        return H2TestDatabase.in(dir);
    }
}
