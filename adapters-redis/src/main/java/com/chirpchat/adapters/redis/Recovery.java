package com.chirpchat.adapters.redis;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Tracks outages of the subscribed connection and ends each one exactly once.
 * <p>
 * Losing the connection opens an outage: whatever was published meanwhile never reaches this instance. When the
 * connection is back, every followed channel is subscribed again (lettuce re-subscribes what it knew, but not what
 * was followed while it was down) and, once Redis has confirmed them all on that same connection, the outage ends
 * with one call of {@code onRecovered}, so the router reads what it missed from storage. A connection lost again
 * before that keeps the outage open; the next return ends it. A failed attempt is retried by {@link #retryIfNeeded}.
 */
final class Recovery {
    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());
    static final int BATCH = 5_000;

    private final Subscriptions subscriptions;
    private final BooleanSupplier subscriberOpen;
    private final Runnable onRecovered;
    private final Duration timeout;
    private final Executor executor;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final ReentrantLock running = new ReentrantLock();
    // guarded by this
    private boolean outage;
    private boolean resubscribeNeeded;

    Recovery(Subscriptions subscriptions, BooleanSupplier subscriberOpen, Runnable onRecovered, Duration timeout,
             Executor executor) {
        this.subscriptions = subscriptions;
        this.subscriberOpen = subscriberOpen;
        this.onRecovered = onRecovered;
        this.timeout = timeout;
        this.executor = executor;
    }

    /** The subscribed connection is gone (or was never there). Called on lettuce's event loop: must not block. */
    void lost() {
        boolean first;
        synchronized (this) {
            subscriptions.newConnection();
            first = !outage;
            outage = true;
            resubscribeNeeded = true;
        }
        if (first) {
            LOG.log(Level.WARNING, "lost the Redis subscription; events published meanwhile are read from storage once it is back");
        }
    }

    /** The subscribed connection is (back) up. Called on lettuce's event loop: must not block. */
    void connected() {
        request();
    }

    /** A subscription could not be made on a live connection: make them all again. */
    synchronized void subscriptionFailed() {
        resubscribeNeeded = true;
    }

    /** No outage open and every followed channel subscribed. */
    synchronized boolean healthy() {
        return !outage && !resubscribeNeeded;
    }

    void retryIfNeeded() {
        boolean needed;
        synchronized (this) {
            needed = resubscribeNeeded;
        }
        if (needed && subscriberOpen.getAsBoolean()) {
            request();
        }
    }

    private void request() {
        requested.set(true);
        try {
            executor.execute(this::drainRequests);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void drainRequests() {
        // one resubscription at a time; a request arriving meanwhile is served by the running one's next round
        while (requested.get() && running.tryLock()) {
            try {
                while (requested.getAndSet(false)) {
                    resubscribe();
                }
            } finally {
                running.unlock();
            }
        }
    }

    private void resubscribe() {
        if (!subscriberOpen.getAsBoolean()) {
            return;
        }
        long connection;
        synchronized (this) {
            connection = subscriptions.connection();
        }
        int resubscribed = 0;
        List<String> channels = subscriptions.channels();
        // in batches, so that many thousands of channels never crowd lettuce's command queue
        for (int from = 0; from < channels.size(); from += BATCH) {
            List<CompletableFuture<Void>> confirmations = new ArrayList<>();
            for (String channel : channels.subList(from, Math.min(channels.size(), from + BATCH))) {
                subscriptions.resubscribe(channel).ifPresent(confirmations::add);
            }
            try {
                CompletableFuture.allOf(confirmations.toArray(new CompletableFuture<?>[0]))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(Level.DEBUG, () -> "re-subscribing failed; will retry: " + e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            resubscribed += confirmations.size();
        }
        boolean recovered;
        synchronized (this) {
            if (subscriptions.connection() != connection || !subscriberOpen.getAsBoolean()) {
                return; // lost again meanwhile: the next return ends the outage
            }
            resubscribeNeeded = false;
            recovered = outage;
            outage = false;
        }
        if (recovered) {
            int count = resubscribed;
            LOG.log(Level.INFO, () -> "Redis subscription is back (" + count + " channels); catching up from storage");
            onRecovered.run();
        }
    }
}
