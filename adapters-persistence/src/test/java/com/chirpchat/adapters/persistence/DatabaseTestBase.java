package com.chirpchat.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.ledger.Outcome;
import com.chirpchat.domain.ledger.Sent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh database for each test, with server instances ({@link Persistence}s, each its own pool) and plain
 * connections opened on it as the test likes, and virtual threads to run changes on; all of it is closed after
 * the test, last opened first, before the database goes.
 */
abstract class DatabaseTestBase {
    TestDatabase database;
    private final List<AutoCloseable> opened = new ArrayList<>();
    final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /** A new, empty database for one test. */
    abstract TestDatabase freshDatabase();

    @BeforeEach
    void create() {
        database = freshDatabase();
    }

    @AfterEach
    void drop() throws Exception {
        threads.shutdownNow();
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        database.close();
    }

    /** A new server instance on the test's database, with these configuration keys. */
    Persistence instance(Map<String, String> config) {
        Persistence persistence = database.open(config);
        opened.add(persistence);
        return persistence;
    }

    /** A plain connection to the test's database, closed after the test. */
    Connection connect() throws SQLException {
        Connection connection = database.connect();
        opened.add(connection);
        return connection;
    }

    /** Another session takes the chat's row lock, as a change would, and keeps it until {@link Connection#rollback}. */
    Connection holdChat(Chat chat) throws SQLException {
        Connection holder = connect();
        holder.setAutoCommit(false);
        try (PreparedStatement lock = holder.prepareStatement("SELECT last_seq FROM chats WHERE id = ? FOR UPDATE")) {
            lock.setObject(1, chat.id().value());
            lock.executeQuery().close();
        }
        return holder;
    }

    /** The number of sessions waiting for a lock another session holds (asked on {@code observer}). */
    int lockWaiters(Connection observer) throws SQLException {
        return database.lockWaiters(observer);
    }

    static <T> T done(Future<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    static Throwable failure(Future<?> future) throws Exception {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the change to fail");
    }

    static long seqOf(Object accepted) {
        return ((Sent) ((Outcome.Accepted<?>) accepted).result()).message().seq();
    }

    static List<ChatEvent> log(JdbcStore store, Chat chat) {
        return store.eventsAfter(chat.id(), 0, 10_000);
    }

    /** Each chat's log holds one event for each seq from 1 to the chat's last seq, in order. */
    static void assertLogsNumberedOneToLastSeq(JdbcStore store, Chat... chats) {
        for (Chat chat : chats) {
            long lastSeq = store.chat(chat.id()).orElseThrow().lastSeq();
            assertThat(log(store, chat)).as("the log of %s", chat.id()).extracting(ChatEvent::seq).containsExactlyElementsOf(oneTo(lastSeq));
        }
    }

    /** The texts of the chat's messages, newest first. */
    static List<String> texts(JdbcStore store, Chat chat) {
        return store.messagesBefore(chat.id(), OptionalLong.empty(), 100).stream().map(m -> m.text().orElseThrow().value()).toList();
    }

    /** 1, 2, …, n. */
    static List<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }
}
