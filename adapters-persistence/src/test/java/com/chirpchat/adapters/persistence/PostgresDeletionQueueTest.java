package com.chirpchat.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Instances are separate pools on one PostgreSQL database, as several servers would be. */
class PostgresDeletionQueueTest extends DeletionQueueTest {
    @Override
    TestDatabase freshDatabase() {
        return PostgresTestDatabase.create();
    }

    @Override
    String session(Connection connection) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT pg_backend_pid()");
             ResultSet rows = p.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Override
    boolean waitsForALock(Connection observer, String session) throws SQLException {
        try (PreparedStatement p = observer.prepareStatement("SELECT cardinality(pg_blocking_pids(?)) > 0")) {
            p.setInt(1, Integer.parseInt(session));
            try (ResultSet rows = p.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }
}
