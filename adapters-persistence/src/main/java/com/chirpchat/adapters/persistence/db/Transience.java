package com.chirpchat.adapters.persistence.db;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Set;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;

/**
 * Tells "not now" from "never": a lock or turn not had in time, a statement cut short, a session ended under us, no
 * connection to be had. Such a failure rolled the transaction back (or never began it), so the request may simply be
 * sent again — a post with the same {@code clientMessageId} is stored once whatever happened — and the client is
 * told so: {@link ErrorCode#UNAVAILABLE} (503) with a {@code Retry-After}.
 */
public final class Transience {
    /** What clients are asked to wait before trying again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private static final Set<String> STATES = Set.of(
            "55P03",  // lock_not_available: PostgreSQL's lock_timeout
            "57014",  // query_canceled: statement_timeout (PostgreSQL), QUERY_TIMEOUT (H2)
            "25P03",  // idle_in_transaction_session_timeout ended the session
            "40001",  // serialization failure (H2: a deadlock victim too)
            "40P01",  // deadlock detected
            "57P01", "57P02", "57P03", // the server shut down or is starting
            "53300",  // too many connections
            "HYT00"); // H2's lock timeout

    private Transience() {
    }

    /** True when {@code failure} (or what caused it) says the database could not do it now. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true; // among them Hikari's "no connection available in time"
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (STATES.contains(sql.getSQLState()) || sql.getSQLState().startsWith("08"))) {
                return true; // 08: the connection broke
            }
        }
        return false;
    }

    /** The refusal a client sees for a transient failure (it names nothing internal). */
    public static UseCaseException unavailable() {
        return UseCaseException.unavailable("the chat is busy or the database did not answer in time; try again",
                                            RETRY_AFTER);
    }
}
