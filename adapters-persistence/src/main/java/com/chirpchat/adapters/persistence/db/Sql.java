package com.chirpchat.adapters.persistence.db;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
    private static final System.Logger LOG = System.getLogger(Sql.class.getName());
    private final DbClient client;
    private final ThreadLocal<DbTransaction> current = new ThreadLocal<>();
    private final ThreadPoolExecutor transactions;
    private final LongAdder statements = new LongAdder();

    /**
     * @param transactionThreads platform threads that run transactions started on virtual threads (see
     *                           {@link #inTransaction}); 0 runs every transaction on its calling thread
     */
    public Sql(DbClient client, int transactionThreads) {
        this.client = client;
        if (transactionThreads > 0) {
            ThreadFactory factory = Thread.ofPlatform().daemon().name("chirpchat-tx-", 0).factory();
            this.transactions = new ThreadPoolExecutor(0, transactionThreads, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
                                                       factory, new ThreadPoolExecutor.CallerRunsPolicy());
        } else {
            this.transactions = null;
        }
    }

    /** Statements run so far (round trips to the database, commits aside): for tests and metrics. */
    public long statements() {
        return statements.sum();
    }

    /** All rows the query returns, mapped. */
    public <T> List<T> list(String name, String statement, Params params, Function<DbRow, T> mapper) {
        try (Stream<DbRow> rows = query(name, statement, params)) {
            return rows.map(mapper).toList();
        } catch (DbClientException e) {
            throw failure(name, e);
        }
    }

    /** The first row the query returns, mapped; the statement should select at most one. */
    public <T> Optional<T> one(String name, String statement, Params params, Function<DbRow, T> mapper) {
        statements.increment();
        try {
            PositionalSql positional = PositionalSql.of(statement);
            return executor().createNamedGet(name, positional.jdbc()).params(positional.bind(params.asMap(), name))
                    .execute().map(mapper);
        } catch (DbClientException e) {
            throw failure(name, e);
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    public long update(String name, String statement, Params params) {
        statements.increment();
        try {
            PositionalSql positional = PositionalSql.of(statement);
            return executor().createNamedDmlStatement(name, positional.jdbc()).params(positional.bind(params.asMap(), name))
                    .execute();
        } catch (DbClientException e) {
            throw failure(name, e);
        }
    }

    /**
     * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws and rethrows
     * what it threw. Transactions do not nest: a chat change inside a chat change would hold two locks in an
     * order nobody chose, so it is refused.
     * <p>
     * With transaction threads, a transaction started on a virtual thread runs on one of them (a platform thread)
     * while the caller waits. A transaction holds row locks (a chat's row, for every change to that chat) across
     * several round trips to the database; on a virtual thread each answer would wait for a carrier behind every
     * runnable virtual thread (a thousand WebSocket writers after a message to a large chat), the lock would be held
     * that much longer, and every other change to the chat would queue behind it. The operating system runs a
     * platform thread soon after its answer arrives. When all transaction threads are busy, the caller runs the
     * transaction itself.
     */
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            throw new IllegalStateException("a transaction is already open on this thread");
        }
        if (transactions == null || !Thread.currentThread().isVirtual()) {
            return transaction(work);
        }
        FutureTask<T> task = new FutureTask<>(() -> transaction(work));
        transactions.execute(task);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the transaction runs to its end either way; its outcome is the answer
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case RuntimeException r -> throw r;
                        case Error err -> throw err;
                        default -> throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private <T> T transaction(Supplier<T> work) {
        DbTransaction tx;
        try {
            tx = client.transaction();
        } catch (DbClientException e) {
            throw failure("begin", e);
        }
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
            } else if (e instanceof DbClientException commit) {
                // commit closes the connection whatever happens; nothing left to roll back
                throw failure("commit", commit);
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

    /** The query with its values in placeholder order: DbClient binds them as they are, without parsing again. */
    private Stream<DbRow> query(String name, String statement, Params params) {
        statements.increment();
        PositionalSql positional = PositionalSql.of(statement);
        return executor().createNamedQuery(name, positional.jdbc()).params(positional.bind(params.asMap(), name)).execute();
    }

    private DbExecute executor() {
        DbTransaction tx = current.get();
        return tx != null ? tx : client.execute();
    }

    /**
     * What a failed statement becomes: a transient failure (lock or statement timeout, session or connection
     * gone, no connection in time) is the client's 503, safe to retry; anything else a server fault.
     */
    private static RuntimeException failure(String statement, DbClientException e) {
        if (Transience.isTransient(e)) {
            LOG.log(Level.DEBUG, () -> "database statement '" + statement + "' failed for now: " + e.getMessage());
            return Transience.unavailable();
        }
        return PersistenceException.statementFailed(statement, e);
    }

    private static void rollback(DbTransaction tx, Throwable cause) {
        try {
            tx.rollback();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
