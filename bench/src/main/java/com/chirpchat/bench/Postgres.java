package com.chirpchat.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Fresh databases for one run on the local PostgreSQL (trust auth, user postgres), dropped afterwards. */
final class Postgres {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String USER = "postgres";
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();

    private Postgres() {
    }

    static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    static String version() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement(); var rs = s.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void create(String database) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        }
        CREATED.add(database);
        Log.info("created database " + database);
    }

    /**
     * Drops databases an earlier run left behind (a harness killed with SIGKILL cannot clean up). A database still in
     * use (another run going on) refuses a plain DROP and is left alone.
     */
    static void dropStale(String prefix) {
        List<String> stale = new java.util.ArrayList<>();
        try (Connection c = admin(); Statement s = c.createStatement();
             var rs = s.executeQuery("select datname from pg_database where datname like '" + prefix + "%'")) {
            while (rs.next()) {
                stale.add(rs.getString(1));
            }
        } catch (SQLException e) {
            return;
        }
        for (String database : stale) {
            try (Connection c = admin(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE " + database);
                Log.info("dropped database " + database + " left behind by an earlier run");
            } catch (SQLException e) {
                Log.info("left database " + database + " alone (" + e.getMessage() + ")");
            }
        }
    }

    static void dropAll() {
        for (String database : List.copyOf(CREATED)) {
            try (Connection c = admin(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                CREATED.remove(database);
                Log.info("dropped database " + database);
            } catch (SQLException e) {
                Log.info("could not drop database " + database + ": " + e.getMessage());
            }
        }
    }

    private static Connection admin() throws SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl("postgres"), props);
    }
}
