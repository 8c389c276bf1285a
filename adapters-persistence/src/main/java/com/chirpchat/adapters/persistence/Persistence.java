package com.chirpchat.adapters.persistence;

import java.nio.file.Path;
import java.time.Duration;

import com.chirpchat.adapters.persistence.db.DbClients;
import com.chirpchat.adapters.persistence.db.DbSettings;
import com.chirpchat.adapters.persistence.db.SessionLimits;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.adapters.persistence.ledger.ChatWriters;
import com.chirpchat.adapters.persistence.ledger.GroupCommit;
import com.chirpchat.adapters.persistence.ledger.JdbcLedger;
import com.chirpchat.adapters.persistence.migration.Migrations;
import io.helidon.config.Config;
import io.helidon.dbclient.DbClient;

/**
 * The storage adapter, ready to use: connected, schema migrated. Bootstrap creates one at start-up from the
 * {@code chirpchat.db} configuration node and closes it at shutdown (which closes the connection pool).
 * <p>
 * Configuration keys: {@code url} (JDBC URL; absent or empty = embedded H2 file {@code <dataDir>/chirpchat}),
 * {@code username}, {@code password}, {@code pool-size} (default 10), {@code connection-timeout} (ISO-8601
 * duration, default PT5S), and the {@link SessionLimits} ({@code lock-timeout}, {@code statement-timeout},
 * {@code idle-in-transaction-timeout}) and the group commit's {@code batch-size}, {@code batch-linger}, {@code batch-chats} and {@code writers}. Failures to connect or migrate are thrown as an
 * unchecked exception whose message says what went wrong without credentials.
 */
public final class Persistence implements AutoCloseable {
    /**
     * Name of the statement ({@code SELECT 1}) for Helidon's health check, which must run it as a query:
     * {@code DbClientHealthCheck.builder(dbClient).query().statementName(Persistence.PING_STATEMENT)}.
     */
    public static final String PING_STATEMENT = DbClients.PING;
    /** How long the readiness check waits for its own connection. */
    private static final Duration HEALTH_CONNECTION_TIMEOUT = Duration.ofSeconds(1);

    private final DbClient client;
    private final DbClient health;
    private final JdbcStore store;
    private final DbSettings settings;

    private Persistence(DbClient client, DbClient health, JdbcStore store, DbSettings settings) {
        this.client = client;
        this.health = health;
        this.store = store;
        this.settings = settings;
    }

    /** Connects as configured by {@code dbConfig} and migrates the schema; {@code dataDir} holds the embedded file. */
    public static Persistence create(Config dbConfig, Path dataDir) {
        DbSettings settings = DbSettings.create(dbConfig, dataDir);
        GroupCommit groupCommit = GroupCommit.create(dbConfig);
        DbClient client = DbClients.create(settings);
        DbClient health;
        try {
            health = DbClients.createForHealth(settings, HEALTH_CONNECTION_TIMEOUT);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        try {
            Migrations.migrate(settings);
        } catch (RuntimeException e) {
            health.close();
            client.close();
            throw e;
        }
        Sql sql = new Sql(client, settings.poolSize());
        ChatWriters writers = new ChatWriters(sql, new JdbcLedger(sql), groupCommit, settings.limits().lockTimeout(),
                                              groupCommit.writers(settings.poolSize()));
        return new Persistence(client, health, new JdbcStore(sql, writers), settings);
    }

    /** One object implementing every storage out-port. */
    public JdbcStore store() {
        return store;
    }

    /** The database client of the store's own pool. */
    public DbClient dbClient() {
        return client;
    }

    /**
     * A client on a pool of its own (one connection, one second's wait for it), for the readiness check: it never
     * queues behind the store's work.
     */
    public DbClient healthClient() {
        return health;
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
        health.close();
        client.close();
    }
}
