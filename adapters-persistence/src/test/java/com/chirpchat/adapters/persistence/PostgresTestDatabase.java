package com.chirpchat.adapters.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.chirpchat.adapters.persistence.db.DbSettings;

/**
 * A fresh PostgreSQL database per test class ({@code chirp_test_<random>}), created through the {@code postgres}
 * database and dropped afterwards, so runs never see each other's data. The server is required: when it is
 * down the test fails with instructions instead of being skipped.
 * <p>
 * Override the server with {@code -Dchirpchat.test.pg.url=} or {@code CHIRPCHAT_TEST_PG_URL} (a URL ending in
 * '/', default {@code jdbc:postgresql://127.0.0.1:5432/}), and the user with {@code CHIRPCHAT_TEST_PG_USER} /
 * {@code CHIRPCHAT_TEST_PG_PASSWORD} (default {@code postgres}, no password).
 */
final class PostgresTestDatabase implements TestDatabase {
    static final String BASE_URL = setting("chirpchat.test.pg.url", "CHIRPCHAT_TEST_PG_URL").orElse("jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = setting("chirpchat.test.pg.user", "CHIRPCHAT_TEST_PG_USER").orElse("postgres");
    static final Optional<String> PASSWORD = setting("chirpchat.test.pg.password", "CHIRPCHAT_TEST_PG_PASSWORD");

    private final String name;

    private PostgresTestDatabase(String name) {
        this.name = name;
    }

    /** Creates the database, or fails the test saying how to start PostgreSQL. */
    static PostgresTestDatabase create() {
        // generated here, never from input: safe to put in DDL, where identifiers cannot be parameters
        String name = "chirp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        return new PostgresTestDatabase(name);
    }

    String url() {
        return BASE_URL + name;
    }

    @Override
    public Persistence open(Map<String, String> extraConfig) {
        Map<String, String> config = config();
        config.putAll(extraConfig);
        // the data directory is unused with a URL
        return Persistence.create(TestDatabase.config(config), Path.of("target", "unused-data"));
    }

    @Override
    public DbSettings settings() {
        return DbSettings.create(TestDatabase.config(config()), Path.of("target", "unused-data"));
    }

    private Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("url", url());
        config.put("username", USER);
        PASSWORD.ifPresent(p -> config.put("password", p));
        return config;
    }

    @Override
    public int lockWaiters(Connection observer) throws SQLException {
        try (Statement s = observer.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity "
                                                     + "WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Override
    public String session(Connection connection) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT pg_backend_pid()");
             ResultSet rows = p.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Override
    public boolean waitsForALock(Connection observer, String session) throws SQLException {
        try (PreparedStatement p = observer.prepareStatement("SELECT cardinality(pg_blocking_pids(?)) > 0")) {
            p.setInt(1, Integer.parseInt(session));
            try (ResultSet rows = p.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String ddl) {
        try (Connection c = DriverManager.getConnection(BASE_URL + "postgres", USER, PASSWORD.orElse(null));
             Statement s = c.createStatement()) {
            s.execute(ddl);
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState()) || "08004".equals(e.getSQLState())) {
                throw new AssertionError("PostgreSQL is not reachable at " + BASE_URL.replaceFirst("^jdbc:postgresql://", "")
                                         .replaceFirst("/$", "") + " — start it: pg_ctlcluster --skip-systemctl-redirect "
                                         + "$(ls /etc/postgresql) main start", e);
            }
            throw new AssertionError("PostgreSQL refused '" + ddl + "': " + e.getMessage(), e);
        }
    }

    private static Optional<String> setting(String property, String env) {
        return Optional.ofNullable(System.getProperty(property))
                .or(() -> Optional.ofNullable(System.getenv(env)))
                .filter(s -> !s.isBlank());
    }
}
