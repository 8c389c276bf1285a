package com.chirpchat.adapters.persistence.migration;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.chirpchat.adapters.persistence.db.DbSettings;

/**
 * Plain driver connections with the configured URL and credentials, for Flyway only. Flyway holds two
 * connections at once while migrating; taking them from the pool would make a small pool (pool-size 1 or 2)
 * wait on itself. The driver is found by {@link DriverManager}, i.e. by ServiceLoader, which also works on the
 * module path.
 */
final class DriverDataSource implements DataSource {
    private final DbSettings settings;

    DriverDataSource(DbSettings settings) {
        this.settings = settings;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Properties properties = new Properties();
        settings.username().ifPresent(u -> properties.setProperty("user", u));
        settings.password().ifPresent(p -> properties.setProperty("password", p));
        return DriverManager.getConnection(settings.jdbcUrl(), properties);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("migrations use the configured credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // nothing to log to
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the driver's own connect timeout applies
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
