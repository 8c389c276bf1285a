package com.chirpchat.adapters.persistence.ledger;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.adapters.persistence.db.Transience;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.ledger.ChatState;
import com.chirpchat.domain.ledger.Concerns;
import com.chirpchat.domain.ledger.Outcome;

/**
 * Group commit: one writer per chat on this instance. Changes to a chat queue up while its writer is at the
 * database; the writer takes what has queued (up to {@link GroupCommit#maxBatch()}, after lingering up to
 * {@link GroupCommit#linger()} for more when that is set) and stores it in one transaction ({@link JdbcLedger#changeAll}:
 * one row lock, one load, one multi-row insert of messages and one of events, one seq bump, one commit). Each caller
 * is answered once its batch has committed, so an answer still means durable, and seqs stay gap-free in commit order
 * (the row lock still serialises batches of several instances).
 * <p>
 * A change whose decision fails (a rejection) fails alone. A batch the store refuses as a whole for something other
 * than "not now" (a contradiction one of its changes brought) is stored again change by change, so the others are not
 * punished for it. A batch that cannot have the chat or the database in time fails whole as unavailable: nothing of it
 * was stored and each request may simply be sent again.
 * <p>
 * Waits stay bounded: a change still queued {@code wait} (the lock timeout) after it arrived is refused as unavailable
 * without being tried, so with the chat's lock held elsewhere each request answers within about twice the lock
 * timeout, and one chat takes at most one of this instance's pooled connections however many requests wait for it.
 * A chat's writer is a platform thread (from a pool as large as the connection pool) while the chat has changes
 * queued: it runs the transactions itself, so neither a batch nor the start of the next waits for a carrier thread
 * behind runnable virtual threads (a thousand WebSocket writers after a post to a large chat), which is what the
 * chat's lock holder must not do (see {@link Sql#inTransaction}).
 */
public final class ChatWriters {
    private static final System.Logger LOG = System.getLogger(ChatWriters.class.getName());
    private final ConcurrentHashMap<ChatId, Queue> queues = new ConcurrentHashMap<>();
    private final JdbcLedger ledger;
    private final Sql sql;
    private final GroupCommit settings;
    private final long waitNanos;
    private final LongAdder batches = new LongAdder();
    private final LongAdder batched = new LongAdder();
    private final LongAdder singles = new LongAdder();
    private final ExecutorService writers;

    /**
     * @param threads how many chats' writers may run at once (one connection each: the pool size); a chat whose
     *                writer cannot start yet keeps queueing until one is free
     */
    public ChatWriters(Sql sql, JdbcLedger ledger, GroupCommit settings, Duration wait, int threads) {
        this.sql = sql;
        this.ledger = ledger;
        this.settings = settings;
        this.waitNanos = wait.toNanos();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                                                         Thread.ofPlatform().daemon().name("chirpchat-writer-", 0).factory());
        pool.allowCoreThreadTimeOut(true);
        this.writers = pool;
    }

    /** How often batches were stored, how many changes they held, how many batches were stored change by change. */
    public record Stats(long batches, long changes, long splitBatches) {
    }

    public Stats stats() {
        return new Stats(batches.sum(), batched.sum(), singles.sum());
    }

    /** Changes to the chat waiting for its writer (not those it is storing). */
    public int queued(ChatId chatId) {
        Queue queue = queues.get(chatId);
        if (queue == null) {
            return 0;
        }
        synchronized (queue) {
            return queue.pending.size();
        }
    }

    /** Queues the change for the chat's writer and waits until its batch is stored (or failed). */
    public <R> Outcome.Accepted<R> change(ChatId chatId, Concerns concerns, Function<ChatState, Outcome.Accepted<R>> decide) {
        if (sql.transactionOpen()) {
            // the writer would wait for this thread's transaction, and this thread for the writer
            throw new IllegalStateException("a transaction is already open on this thread");
        }
        Pending<R> pending = new Pending<>(new JdbcLedger.Change<>(concerns, decide), System.nanoTime() + waitNanos);
        boolean[] start = {false};
        queues.compute(chatId, (id, queue) -> {
            Queue q = queue;
            if (q == null) {
                q = new Queue();
                start[0] = true; // the entry stands for the writer: whoever makes it starts one
            }
            synchronized (q) {
                q.pending.add(pending);
            }
            return q;
        });
        if (start[0]) {
            writers.execute(() -> drain(chatId));
        }
        return pending.await();
    }

    private void drain(ChatId chatId) {
        while (true) {
            List<Pending<?>> batch = new ArrayList<>();
            if (!take(chatId, batch, true)) {
                return; // nothing left: the entry is gone, the next change starts a new writer
            }
            if (batch.size() < settings.maxBatch() && !settings.linger().isZero()) {
                LockSupport.parkNanos(settings.linger().toNanos());
                take(chatId, batch, false);
            }
            run(chatId, batch);
        }
    }

    /**
     * Moves queued changes into {@code batch}, up to the batch size; when there are none and {@code orEnd}, removes
     * the chat's entry (this writer ends) and returns false.
     */
    private boolean take(ChatId chatId, List<Pending<?>> batch, boolean orEnd) {
        boolean[] more = {true};
        queues.compute(chatId, (id, queue) -> {
            synchronized (queue) {
                while (batch.size() < settings.maxBatch() && !queue.pending.isEmpty()) {
                    batch.add(queue.pending.poll());
                }
            }
            if (batch.isEmpty() && orEnd) {
                more[0] = false;
                return null;
            }
            return queue;
        });
        return more[0];
    }

    private void run(ChatId chatId, List<Pending<?>> batch) {
        long now = System.nanoTime();
        List<Pending<?>> live = new ArrayList<>(batch.size());
        for (Pending<?> pending : batch) {
            if (now - pending.deadline > 0) {
                pending.fail(Transience.unavailable()); // waited its turn too long: never tried, safe to send again
            } else {
                live.add(pending);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        try {
            store(chatId, live);
        } catch (UseCaseException e) {
            live.forEach(p -> p.fail(e)); // unknown chat, or not now: the whole batch, nothing stored
        } catch (RuntimeException e) {
            if (live.size() == 1) {
                live.getFirst().fail(e);
                return;
            }
            // something in the batch contradicts the rows: each change on its own, so only that one fails
            singles.increment();
            for (Pending<?> pending : live) {
                try {
                    store(chatId, List.of(pending));
                } catch (RuntimeException alone) {
                    pending.fail(alone);
                }
            }
        } catch (Error e) {
            // the writer goes on with what queued next: ending here would leave the chat's entry without a writer
            LOG.log(Level.ERROR, "a batch of changes to chat " + chatId + " failed", e);
            live.forEach(p -> p.fail(new IllegalStateException("the batch failed", e)));
        }
    }

    private void store(ChatId chatId, List<Pending<?>> live) {
        List<JdbcLedger.Change<?>> changes = live.stream().<JdbcLedger.Change<?>>map(p -> p.change).toList();
        List<JdbcLedger.Decided> decided = ledger.changeAll(chatId, changes);
        batches.increment();
        batched.add(live.size());
        for (int i = 0; i < live.size(); i++) {
            live.get(i).complete(decided.get(i));
        }
    }

    private static final class Queue {
        final ArrayDeque<Pending<?>> pending = new ArrayDeque<>();
    }

    private static final class Pending<R> {
        final JdbcLedger.Change<R> change;
        final long deadline;
        final CompletableFuture<Outcome.Accepted<R>> result = new CompletableFuture<>();

        Pending(JdbcLedger.Change<R> change, long deadline) {
            this.change = change;
            this.deadline = deadline;
        }

        @SuppressWarnings("unchecked")
        void complete(JdbcLedger.Decided decided) {
            if (decided.failure().isPresent()) {
                result.completeExceptionally(decided.failure().get());
            } else {
                result.complete((Outcome.Accepted<R>) decided.accepted().orElseThrow());
            }
        }

        void fail(RuntimeException failure) {
            result.completeExceptionally(failure);
        }

        /** The stored decision; waits however long the batch takes (every wait in it is bounded), interrupts or not. */
        Outcome.Accepted<R> await() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return result.get();
                    } catch (InterruptedException e) {
                        interrupted = true; // the change may be stored meanwhile; its outcome is the answer
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
    }
}
