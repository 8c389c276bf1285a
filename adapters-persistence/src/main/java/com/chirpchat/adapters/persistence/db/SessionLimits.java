package com.chirpchat.adapters.persistence.db;

import java.time.Duration;

import io.helidon.config.Config;

/**
 * How long our database sessions may wait. Without these, one frozen
 * instance holding a chat's row lock (stopped, swapped out, partitioned while "idle in transaction") would make
 * every other instance's changes to that chat wait for it forever, each holding a pooled connection, until the
 * pools were gone and requests to unrelated chats, and readiness, queued behind them.
 *
 * @param lockTimeout              longest wait for a row lock (PostgreSQL {@code lock_timeout}, H2 {@code LOCK_TIMEOUT}),
 *                                 and for a turn at a chat's writer; the request then fails as unavailable (503,
 *                                 safe to retry)
 * @param statementTimeout         longest statement (PostgreSQL {@code statement_timeout}, H2 {@code QUERY_TIMEOUT})
 * @param idleInTransactionTimeout PostgreSQL ends a session of ours that sits in an open transaction this long
 *                                 ({@code idle_in_transaction_session_timeout}), which frees the locks of a frozen
 *                                 instance; H2 is embedded in one process and has no such thing
 */
public record SessionLimits(Duration lockTimeout, Duration statementTimeout, Duration idleInTransactionTimeout) {
    // the databases count in milliseconds; below this a busy machine would refuse ordinary work
    private static final Duration MINIMUM = Duration.ofMillis(100);
    public static final SessionLimits DEFAULTS =
            new SessionLimits(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(5));

    public SessionLimits {
        require(lockTimeout, "lock-timeout");
        require(statementTimeout, "statement-timeout");
        require(idleInTransactionTimeout, "idle-in-transaction-timeout");
    }

    /** The limits in the {@code chirpchat.db} node, defaults for what it leaves out. */
    public static SessionLimits create(Config db) {
        return new SessionLimits(db.get("lock-timeout").as(Duration.class).orElse(DEFAULTS.lockTimeout),
                                 db.get("statement-timeout").as(Duration.class).orElse(DEFAULTS.statementTimeout),
                                 db.get("idle-in-transaction-timeout").as(Duration.class)
                                         .orElse(DEFAULTS.idleInTransactionTimeout));
    }

    /**
     * What every new pooled connection runs first (Hikari's {@code connectionInitSql}), for the database the URL
     * names; empty for other databases.
     */
    String sessionSql(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            // one statement, so that it is one round trip; set_config(..., false) lasts for the session
            return "SELECT set_config('lock_timeout', '" + lockTimeout.toMillis() + "ms', false), "
                    + "set_config('statement_timeout', '" + statementTimeout.toMillis() + "ms', false), "
                    + "set_config('idle_in_transaction_session_timeout', '" + idleInTransactionTimeout.toMillis() + "ms', false)";
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return "SET LOCK_TIMEOUT " + lockTimeout.toMillis() + "; SET QUERY_TIMEOUT " + statementTimeout.toMillis();
        }
        return "";
    }

    private static void require(Duration value, String key) {
        if (value.compareTo(MINIMUM) < 0) {
            throw new PersistenceException("chirpchat.db." + key + " must be at least 100 ms");
        }
    }
}
