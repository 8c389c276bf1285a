package com.chirpchat.adapters.persistence.db;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;

/**
 * Runs parameterised statements, inside the calling thread's transaction when it has one.
 * <p>
 * Routing by thread matters because use cases call other ports from inside a chat change (adding a member
 * checks that the user exists): those reads then share the change's connection and see its writes, instead of
 * taking a second pooled connection while holding the first, which could exhaust the pool under load.
 * DbClient is blocking and each request runs on its own (virtual) thread, so the thread is the right scope.
 */
public final class Sql {
    private final DbClient client;
    private final ThreadLocal<DbTransaction> current = new ThreadLocal<>();

    public Sql(DbClient client) {
        this.client = client;
    }

    /** All rows the query returns, mapped. */
    public <T> List<T> list(String name, String statement, Params params, Function<DbRow, T> mapper) {
        try (Stream<DbRow> rows = executor().createNamedQuery(name, positional(statement)).params(bind(name, statement, params)).execute()) {
            return rows.map(mapper).toList();
        } catch (DbClientException e) {
            throw PersistenceException.statementFailed(name, e);
        }
    }

    /** The first row the query returns, mapped; the statement should select at most one. */
    public <T> Optional<T> one(String name, String statement, Params params, Function<DbRow, T> mapper) {
        try {
            return executor().createNamedGet(name, positional(statement)).params(bind(name, statement, params)).execute().map(mapper);
        } catch (DbClientException e) {
            throw PersistenceException.statementFailed(name, e);
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    public long update(String name, String statement, Params params) {
        try {
            return executor().createNamedDmlStatement(name, positional(statement)).params(bind(name, statement, params)).execute();
        } catch (DbClientException e) {
            throw PersistenceException.statementFailed(name, e);
        }
    }

    /**
     * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws and rethrows
     * what it threw. Transactions do not nest: a chat change inside a chat change would hold two locks in an
     * order nobody chose, so it is refused.
     */
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            throw new IllegalStateException("a transaction is already open on this thread");
        }
        DbTransaction tx = client.transaction();
        current.set(tx);
        boolean committing = false;
        try {
            T result = work.get();
            committing = true;
            tx.commit();
            return result;
        } catch (RuntimeException | Error e) {
            if (!committing) {
                rollback(tx, e);
            } else if (e instanceof DbClientException) {
                // commit closes the connection whatever happens; nothing left to roll back
                throw new PersistenceException("database commit failed", e);
            }
            throw e;
        } finally {
            current.remove();
        }
    }

    /** True while the calling thread is inside {@link #inTransaction}. */
    public boolean transactionOpen() {
        return current.get() != null;
    }

    private static String positional(String statement) {
        return PositionalSql.of(statement).jdbc();
    }

    /** Values in placeholder order: DbClient binds them as they are, without parsing the statement again. */
    private static List<Object> bind(String name, String statement, Params params) {
        return PositionalSql.of(statement).bind(params.asMap(), name);
    }

    private DbExecute executor() {
        DbTransaction tx = current.get();
        return tx != null ? tx : client.execute();
    }

    private static void rollback(DbTransaction tx, Throwable cause) {
        try {
            tx.rollback();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
