package com.chirpchat.adapters.persistence.db;

import java.sql.SQLException;

/**
 * The database failed us: unreachable, misconfigured, or refused a statement. The message names the statement,
 * never its values, so it is safe to log; the driver's exception (which may quote values) is the cause.
 */
public final class PersistenceException extends RuntimeException {
    /** SQLState of a unique-constraint violation, the same in PostgreSQL and H2. */
    private static final String UNIQUE_VIOLATION = "23505";

    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }

    public PersistenceException(String message) {
        super(message);
    }

    static PersistenceException statementFailed(String statementName, Throwable cause) {
        return new PersistenceException("database statement '" + statementName + "' failed", cause);
    }

    /** True when the database refused the statement because it would break a unique constraint. */
    public boolean isUniqueViolation() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
