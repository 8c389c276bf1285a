package com.chirpchat.adapters.persistence;

import java.nio.file.Path;

import com.chirpchat.adapters.persistence.db.DbClients;
import com.chirpchat.adapters.persistence.db.DbSettings;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.adapters.persistence.migration.Migrations;
import io.helidon.config.Config;
import io.helidon.dbclient.DbClient;

/**
 * The storage adapter, ready to use: connected, schema migrated. Bootstrap creates one at start-up from the
 * {@code chirpchat.db} configuration node and closes it at shutdown (which closes the connection pool).
 * <p>
 * Configuration keys: {@code url} (JDBC URL; absent or empty = embedded H2 file {@code <dataDir>/chirpchat}),
 * {@code username}, {@code password}, {@code pool-size} (default 10), {@code connection-timeout} (ISO-8601
 * duration, default PT30S). Failures to connect or migrate are thrown as an unchecked exception whose message
 * says what went wrong without credentials.
 */
public final class Persistence implements AutoCloseable {
    /**
     * Name of the statement ({@code SELECT 1}) for Helidon's health check, which must run it as a query:
     * {@code DbClientHealthCheck.builder(dbClient).query().statementName(Persistence.PING_STATEMENT)}.
     */
    public static final String PING_STATEMENT = DbClients.PING;

    private final DbClient client;
    private final JdbcStore store;
    private final DbSettings settings;

    private Persistence(DbClient client, JdbcStore store, DbSettings settings) {
        this.client = client;
        this.store = store;
        this.settings = settings;
    }

    /** Connects as configured by {@code dbConfig} and migrates the schema; {@code dataDir} holds the embedded file. */
    public static Persistence create(Config dbConfig, Path dataDir) {
        DbSettings settings = DbSettings.create(dbConfig, dataDir);
        DbClient client = DbClients.create(settings);
        try {
            Migrations.migrate(settings);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new Persistence(client, new JdbcStore(new Sql(client, settings.poolSize())), settings);
    }

    /** One object implementing every storage out-port. */
    public JdbcStore store() {
        return store;
    }

    /** The database client, for bootstrap's health check. */
    public DbClient dbClient() {
        return client;
    }

    /** True when running on the embedded H2 database rather than a PostgreSQL server. */
    public boolean embedded() {
        return settings.embedded();
    }

    /** Where the data lives, without credentials: for start-up logs. */
    public String description() {
        return settings.redactedUrl();
    }

    @Override
    public void close() {
        client.close();
    }
}
