package com.chirpchat.adapters.persistence.db;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;

/** Builds the Helidon DbClient (JDBC over a Hikari pool) for the settings. */
public final class DbClients {
    /** A named statement for Helidon's DbClientHealthCheck in query mode. */
    public static final String PING = "ping";

    private DbClients() {
    }

    /** The pool for the application's work, every session bounded by the settings' {@link SessionLimits}. */
    public static DbClient create(DbSettings settings) {
        return create(settings, "chirpchat", settings.poolSize(), settings.connectionTimeout());
    }

    /**
     * A pool of one connection for the readiness check alone: were it to share the application's pool, a check
     * would queue behind business work (every connection waiting on a busy chat's lock) and an instance that can
     * still reach its database would look dead. Waits at most {@code timeout} for its connection.
     */
    public static DbClient createForHealth(DbSettings settings, Duration timeout) {
        return create(settings, "chirpchat-health", 1, timeout);
    }

    private static DbClient create(DbSettings settings, String poolName, int size, Duration timeout) {
        Map<String, String> values = new HashMap<>();
        values.put("source", "jdbc");
        values.put("connection.url", settings.jdbcUrl());
        settings.username().ifPresent(u -> values.put("connection.username", u));
        settings.password().ifPresent(p -> values.put("connection.password", p));
        // the remaining connection.* keys are HikariConfig properties
        values.put("connection.poolName", poolName);
        values.put("connection.maximumPoolSize", Integer.toString(size));
        values.put("connection.connectionTimeout", Long.toString(timeout.toMillis()));
        String sessionSql = settings.limits().sessionSql(settings.jdbcUrl());
        if (!sessionSql.isEmpty()) {
            values.put("connection.connectionInitSql", sessionSql);
        }
        // bind long strings (message text) with setString like short ones, not as character streams
        values.put("parameters.use-string-binding", "false");
        values.put("statements." + PING, "SELECT 1");
        // our own values only: no environment, no system properties, no ${...} expansion inside a password
        Config config = Config.builder(ConfigSources.create(values))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .disableValueResolving()
                .build();
        try {
            return DbClient.create(config);
        } catch (RuntimeException e) {
            // the pool connects eagerly, so an unreachable database or bad credentials show up here
            throw new PersistenceException("cannot connect to the database at " + settings.redactedUrl(), e);
        }
    }
}
