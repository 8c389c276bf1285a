package com.chirpchat.adapters.persistence.db;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transactions begun on virtual threads run on the transaction threads, and behave exactly as on the caller. */
class SqlTransactionThreadsTest {
    @TempDir
    Path dir;
    private DbClient client;
    private Sql sql;
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void open() {
        client = DbClients.create(DbSettings.create(Config.just(ConfigSources.create(Map.of())), dir));
        sql = new Sql(client, 1);
        sql.update("create", "CREATE TABLE t (x INT)", Params.none());
    }

    @AfterEach
    void close() {
        virtualThreads.shutdownNow();
        client.close();
    }

    private <T> T onVirtualThread(java.util.concurrent.Callable<T> task) throws Exception {
        return virtualThreads.submit(task).get(30, TimeUnit.SECONDS);
    }

    private long rows() {
        return sql.one("count", "SELECT COUNT(*) AS n FROM t", Params.none(), row -> Rows.longValue(row, "n")).orElseThrow();
    }

    @Test
    void aTransactionBegunOnAVirtualThreadRunsOnAPlatformThreadAndCommits() throws Exception {
        boolean ranVirtual = onVirtualThread(() -> sql.inTransaction(() -> {
            sql.update("insert", "INSERT INTO t (x) VALUES (:x)", Params.of("x", 1));
            return Thread.currentThread().isVirtual();
        }));

        assertThat(ranVirtual).isFalse();
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void whatTheWorkThrowsReachesTheCallerUnchangedAndNothingIsKept() throws Exception {
        IllegalArgumentException thrown = new IllegalArgumentException("no");
        Throwable seen = onVirtualThread(() -> {
            try {
                sql.inTransaction(() -> {
                    sql.update("insert", "INSERT INTO t (x) VALUES (:x)", Params.of("x", 1));
                    throw thrown;
                });
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });

        assertThat(seen).isSameAs(thrown);
        assertThat(rows()).isZero();
    }

    @Test
    void transactionsStillDoNotNest() throws Exception {
        Object seen = onVirtualThread(() -> {
            try {
                return (Object) sql.inTransaction(() -> sql.inTransaction(() -> "inner"));
            } catch (IllegalStateException e) {
                return e;
            }
        });

        assertThat(seen).isInstanceOf(IllegalStateException.class);
        assertThat(((IllegalStateException) seen).getMessage()).contains("already open");
    }

    @Test
    void platformThreadsRunTheirTransactionsThemselves() {
        Thread caller = Thread.currentThread();
        assertThat(sql.inTransaction(Thread::currentThread)).isSameAs(caller);
    }

    @Test
    void whenEveryTransactionThreadIsBusyTheCallerRunsItsOwn() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Boolean> first = virtualThreads.submit(() -> sql.inTransaction(() -> {
            holding.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Thread.currentThread().isVirtual();
        }));
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

        boolean secondRanVirtual = onVirtualThread(() -> sql.inTransaction(() -> Thread.currentThread().isVirtual()));
        release.countDown();

        assertThat(secondRanVirtual).as("the only transaction thread was busy").isTrue();
        assertThat(first.get(30, TimeUnit.SECONDS)).isFalse();
    }
}
