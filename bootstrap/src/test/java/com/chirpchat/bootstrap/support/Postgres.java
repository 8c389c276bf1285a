package com.chirpchat.bootstrap.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Fresh PostgreSQL databases for tests, on the server the README names (127.0.0.1:5432, trust auth). A test that
 * needs PostgreSQL fails with instructions when it is not running; it never skips.
 */
public final class Postgres {
    public static final String BASE_URL = System.getenv().getOrDefault("CHIRPCHAT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    public static final String USER = System.getenv().getOrDefault("CHIRPCHAT_TEST_PG_USER", "postgres");

    private Postgres() {
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String createDatabase() {
        String name = "chirp_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        return BASE_URL + name;
    }

    public static void dropDatabase(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(BASE_URL + "postgres", USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + BASE_URL + " (" + e.getMessage() + "). Start it: "
                                                    + "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
        }
    }
}
