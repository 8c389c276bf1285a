package com.chirpchat.adapters.persistence.migration;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.helidon.dbclient.DbClient;

/**
 * The DbClient's pool seen as a {@link DataSource}, for Flyway: migrations then use the configured connection
 * (URL, credentials, timeouts) instead of a second, separately configured one.
 */
final class PoolDataSource implements DataSource {
    private final DbClient client;

    PoolDataSource(DbClient client) {
        this.client = client;
    }

    @Override
    public Connection getConnection() {
        // a pooled connection; closing it returns it to the pool
        return client.unwrap(Connection.class);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("connections come from the configured pool");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // nothing to log to: the pool logs itself
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the pool's connection-timeout applies
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging parent");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
