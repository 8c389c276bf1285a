package com.chirpchat.adapters.persistence.ledger;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;

import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.adapters.persistence.db.Transience;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.ledger.Committed;
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
 * (the row lock still serialises batches of several instances). Before answering anyone the writer runs the callers'
 * {@code committed} hooks (publishing their events) for the batch's stored changes, in commit order.
 * <p>
 * A change whose decision fails (a rejection) fails alone. A batch the store refuses as a whole for something other
 * than "not now" (a contradiction one of its changes brought) is stored again change by change, so the others are not
 * punished for it. A batch that cannot have the chat or the database in time fails whole as unavailable: nothing of it
 * was stored and each request may simply be sent again.
 * <p>
 * Across chats: a chat with changes queued and no writer at the database is <em>ready</em>. A writer takes the oldest
 * ready chat and up to {@link GroupCommit#batchChats()} - 1 more, each with a batch of its changes, and stores them
 * all in one transaction ({@link JdbcLedger#changeAcross}), so many small chats' posts share a commit. That
 * transaction never waits for a chat's lock: a chat locked by another instance is passed over and goes back, first in
 * line, to be tried alone as above. A transaction across chats that the store refuses for one chat's sake is stored
 * chat by chat (and that chat's batch change by change). With {@code batch-chats} 1 every chat has transactions of
 * its own.
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
    /** Guards {@link #queues}, {@link #ready} and every {@link Queue}'s fields. */
    private final Object lock = new Object();
    private final HashMap<ChatId, Queue> queues = new HashMap<>();
    /** Chats with changes queued and no writer at the database for them, oldest first. */
    private final ArrayDeque<Queue> ready = new ArrayDeque<>();
    private final JdbcLedger ledger;
    private final Sql sql;
    private final GroupCommit settings;
    private final long waitNanos;
    private final LongAdder batches = new LongAdder();
    private final LongAdder batched = new LongAdder();
    private final LongAdder singles = new LongAdder();
    private final LongAdder crossTransactions = new LongAdder();
    private final LongAdder crossChats = new LongAdder();
    private final LongAdder crossSkipped = new LongAdder();
    private final LongAdder crossSplits = new LongAdder();
    private final ExecutorService writers;
    private final int threads;
    /** Writers started and not yet ended (at most {@link #threads}); guarded by {@link #lock}. */
    private int running;

    /**
     * @param threads how many writers may run at once (one connection each: the pool size); chats no writer has
     *                taken yet keep queueing until one is free, and then are taken together
     */
    public ChatWriters(Sql sql, JdbcLedger ledger, GroupCommit settings, Duration wait, int threads) {
        this.sql = sql;
        this.ledger = ledger;
        this.settings = settings;
        this.waitNanos = wait.toNanos();
        this.threads = threads;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                                                         Thread.ofPlatform().daemon().name("chirpchat-writer-", 0).factory());
        pool.allowCoreThreadTimeOut(true);
        this.writers = pool;
    }

    /**
     * How often chats' batches were stored, how many changes they held, how many batches were stored change by
     * change; of those batches, how many transactions across chats stored several chats' and how many chats'
     * batches they held (so transactions = batches - crossChats + crossTransactions), how many chats a transaction
     * across chats passed over (locked elsewhere), and how many such transactions were stored chat by chat instead.
     */
    public record Stats(long batches, long changes, long splitBatches, long crossTransactions, long crossChats,
                        long crossSkipped, long crossSplits) {
        /** Transactions the writers committed or tried. */
        public long transactions() {
            return batches - crossChats + crossTransactions;
        }
    }

    public Stats stats() {
        return new Stats(batches.sum(), batched.sum(), singles.sum(), crossTransactions.sum(), crossChats.sum(),
                         crossSkipped.sum(), crossSplits.sum());
    }

    /** Changes to the chat waiting for its writer (not those it is storing). */
    public int queued(ChatId chatId) {
        synchronized (lock) {
            Queue queue = queues.get(chatId);
            return queue == null ? 0 : queue.pending.size();
        }
    }

    /** Chats waiting for a writer to take them. */
    public int readyChats() {
        synchronized (lock) {
            return ready.size();
        }
    }

    /** Queues the change for the chat's writer and waits until its batch is stored (or failed). */
    public <R> Outcome.Accepted<R> change(ChatId chatId, Concerns concerns, Function<ChatState, Outcome.Accepted<R>> decide) {
        return change(chatId, concerns, decide, accepted -> { });
    }

    /**
     * {@link #change(ChatId, Concerns, Function)}; once the change is stored, the writer hands the stored decision to
     * {@code committed} itself, right after the commit and before it answers anyone, for the batch's changes in their
     * order (and so, per chat, in commit order): publishing from there neither waits for the callers' threads to be
     * scheduled again nor lets two of them overtake each other. Not called for a change that failed.
     */
    public <R> Outcome.Accepted<R> change(ChatId chatId, Concerns concerns, Function<ChatState, Outcome.Accepted<R>> decide,
                                          Consumer<? super Outcome.Accepted<R>> committed) {
        Objects.requireNonNull(committed, "committed");
        if (sql.transactionOpen()) {
            // the writer would wait for this thread's transaction, and this thread for the writer
            throw new IllegalStateException("a transaction is already open on this thread");
        }
        Pending<R> pending = new Pending<>(new JdbcLedger.Change<>(concerns, decide), System.nanoTime() + waitNanos, committed);
        boolean start;
        synchronized (lock) {
            Queue queue = queues.computeIfAbsent(chatId, Queue::new);
            queue.pending.add(pending);
            start = false;
            if (queue.idle()) {
                queue.ready = true;
                ready.add(queue);
                // a writer at work takes it when done with its batch; a free one at once
                start = running < threads;
                if (start) {
                    running++;
                }
            }
        }
        if (start) {
            writers.execute(this::write);
        }
        return pending.await();
    }

    /** A writer: takes ready chats and stores their batches until none is ready. */
    private void write() {
        while (true) {
            List<Taken> taken = take();
            if (taken.isEmpty()) {
                return; // the next chat to become ready starts another writer
            }
            int changes = taken.stream().mapToInt(t -> t.batch.size()).sum();
            if (changes < settings.maxBatch() * taken.size() && !settings.linger().isZero()) {
                LockSupport.parkNanos(settings.linger().toNanos());
                synchronized (lock) {
                    taken.forEach(this::topUp);
                }
            }
            List<Taken> skipped = List.of();
            try {
                skipped = run(taken);
            } catch (RuntimeException | Error e) {
                // the writer goes on with what queued next: ending here would leave the chats taken for ever
                LOG.log(Level.ERROR, "a batch of changes failed", e);
                IllegalStateException failure = new IllegalStateException("the batch failed", e);
                taken.forEach(t -> t.batch.forEach(p -> p.fail(failure))); // those not answered yet
            } finally {
                release(taken, skipped);
            }
        }
    }

    /**
     * The oldest ready chat and, unless it must be tried alone, up to {@code batch-chats - 1} more that may share
     * its transaction, each with up to a batch of its changes; empty when no chat is ready.
     */
    private List<Taken> take() {
        synchronized (lock) {
            Queue first = ready.poll();
            if (first == null) {
                running--; // under the lock: a chat that becomes ready from now on starts a writer
                return List.of();
            }
            List<Taken> taken = new ArrayList<>();
            taken.add(taking(first));
            if (!first.alone) {
                for (Iterator<Queue> more = ready.iterator(); more.hasNext() && taken.size() < settings.batchChats(); ) {
                    Queue next = more.next();
                    if (!next.alone) {
                        more.remove();
                        taken.add(taking(next));
                    }
                }
            }
            first.alone = false;
            return taken;
        }
    }

    private Taken taking(Queue queue) {
        queue.ready = false;
        queue.taken = true;
        Taken taken = new Taken(queue, new ArrayList<>());
        topUp(taken);
        return taken;
    }

    private void topUp(Taken taken) {
        while (taken.batch.size() < settings.maxBatch() && !taken.queue.pending.isEmpty()) {
            taken.batch.add(taken.queue.pending.poll());
        }
    }

    /**
     * The taken chats are free again: a chat passed over goes back, its changes first in line, to be tried alone;
     * a chat with more changes queued is ready again; one without is forgotten.
     */
    private void release(List<Taken> taken, List<Taken> skipped) {
        synchronized (lock) {
            for (Taken t : skipped) {
                for (int i = t.batch.size() - 1; i >= 0; i--) {
                    t.queue.pending.addFirst(t.batch.get(i));
                }
                t.queue.alone = true;
            }
            for (Taken t : taken) {
                Queue queue = t.queue;
                queue.taken = false;
                if (queue.pending.isEmpty()) {
                    queues.remove(queue.chatId);
                } else {
                    queue.ready = true;
                    if (queue.alone) {
                        ready.addFirst(queue); // passed over once already: its turn is now
                    } else {
                        ready.add(queue);
                    }
                }
            }
            // a chat tried alone may wait for another instance's lock: free writers take the other ready chats meanwhile
            for (int i = 0; i < skipped.size() && running < threads; i++) {
                running++;
                writers.execute(this::write);
            }
        }
    }

    /** Stores the taken chats' batches; returns those of them a transaction across chats passed over. */
    private List<Taken> run(List<Taken> taken) {
        long now = System.nanoTime();
        List<Taken> live = new ArrayList<>(taken.size());
        for (Taken t : taken) {
            List<Pending<?>> batch = new ArrayList<>(t.batch.size());
            for (Pending<?> pending : t.batch) {
                if (now - pending.deadline > 0) {
                    pending.fail(Transience.unavailable()); // waited its turn too long: never tried, safe to send again
                } else {
                    batch.add(pending);
                }
            }
            if (!batch.isEmpty()) {
                live.add(new Taken(t.queue, batch));
            }
        }
        if (live.size() == 1) {
            runOne(live.getFirst().queue.chatId, live.getFirst().batch);
            return List.of();
        }
        if (live.isEmpty()) {
            return List.of();
        }
        List<JdbcLedger.ChatBatch> batches = live.stream().map(t -> new JdbcLedger.ChatBatch(t.queue.chatId,
                t.batch.stream().<JdbcLedger.Change<?>>map(p -> p.change).toList())).toList();
        JdbcLedger.Across across;
        try {
            across = ledger.changeAcross(batches);
        } catch (UseCaseException e) {
            // not now (a statement or the connection): nothing stored, every request may be sent again
            live.forEach(t -> t.batch.forEach(p -> p.fail(e)));
            return List.of();
        } catch (RuntimeException e) {
            // something in one chat's batch contradicts the rows: each chat on its own, so only that one is split
            crossSplits.increment();
            LOG.log(Level.DEBUG, () -> "a transaction across " + live.size() + " chats is stored chat by chat: " + e.getMessage());
            for (Taken t : live) {
                runOne(t.queue.chatId, t.batch);
            }
            return List.of();
        }
        List<Taken> skipped = new ArrayList<>();
        List<Taken> stored = new ArrayList<>(live.size());
        for (Taken t : live) {
            (across.stored().containsKey(t.queue.chatId) ? stored : skipped).add(t);
        }
        // counted before anyone is answered, so a caller that has its answer sees its transaction in the stats
        crossTransactions.increment();
        crossChats.add(stored.size());
        crossSkipped.add(skipped.size());
        for (Taken t : stored) {
            complete(t.batch, across.stored().get(t.queue.chatId));
        }
        return skipped;
    }

    /** One chat's batch in a transaction of its own; a batch the store refuses is stored change by change. */
    private void runOne(ChatId chatId, List<Pending<?>> live) {
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
            LOG.log(Level.ERROR, "a batch of changes to chat " + chatId + " failed", e);
            live.forEach(p -> p.fail(new IllegalStateException("the batch failed", e)));
        }
    }

    private void store(ChatId chatId, List<Pending<?>> live) {
        List<JdbcLedger.Change<?>> changes = live.stream().<JdbcLedger.Change<?>>map(p -> p.change).toList();
        complete(live, ledger.changeAll(chatId, changes));
    }

    private void complete(List<Pending<?>> live, List<JdbcLedger.Decided> decided) {
        batches.increment();
        batched.add(live.size());
        for (int i = 0; i < live.size(); i++) {
            live.get(i).committed(decided.get(i)); // all of the batch's first, in order: nobody overtakes anybody
        }
        for (int i = 0; i < live.size(); i++) {
            live.get(i).complete(decided.get(i));
        }
    }

    /** A chat's changes on this instance; its fields are guarded by the writers' lock. */
    private static final class Queue {
        final ChatId chatId;
        final ArrayDeque<Pending<?>> pending = new ArrayDeque<>();
        /** In the ready queue. */
        boolean ready;
        /** Taken by a writer, which is at the database with (some of) its changes. */
        boolean taken;
        /** Passed over by a transaction across chats (locked elsewhere): the next writer tries it alone. */
        boolean alone;

        Queue(ChatId chatId) {
            this.chatId = chatId;
        }

        boolean idle() {
            return !ready && !taken;
        }
    }

    /** A chat a writer took, with the changes it took of it. */
    private record Taken(Queue queue, List<Pending<?>> batch) {
    }

    private static final class Pending<R> {
        final JdbcLedger.Change<R> change;
        final long deadline;
        final CompletableFuture<Outcome.Accepted<R>> result = new CompletableFuture<>();
        final Consumer<? super Outcome.Accepted<R>> committed;

        Pending(JdbcLedger.Change<R> change, long deadline, Consumer<? super Outcome.Accepted<R>> committed) {
            this.change = change;
            this.deadline = deadline;
            this.committed = committed;
        }

        /** Runs the caller's hook if the change was stored; what it throws is logged. */
        @SuppressWarnings("unchecked")
        void committed(JdbcLedger.Decided decided) {
            decided.accepted().ifPresent(accepted -> Committed.tell(committed, (Outcome.Accepted<R>) accepted));
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
