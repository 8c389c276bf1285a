package com.chirpchat.adapters.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

class PostgresCrossChatTest extends CrossChatContract {
    @Override
    TestDatabase freshDatabase() {
        return PostgresTestDatabase.create();
    }

    @Override
    int lockWaiters(Connection observer) throws SQLException {
        try (Statement s = observer.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity "
                                                     + "WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
