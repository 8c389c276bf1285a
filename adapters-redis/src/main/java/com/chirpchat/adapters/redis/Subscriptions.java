package com.chirpchat.adapters.redis;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Reference-counted channel subscriptions on one Pub/Sub connection.
 * <p>
 * A channel is subscribed while its count is positive; counts may dip below zero when an unfollow overtakes its
 * follow. Every state change and the command it causes happen inside {@link ConcurrentHashMap#compute} for that
 * channel, so SUBSCRIBE and UNSUBSCRIBE of one channel reach Redis in the order the counts changed.
 * <p>
 * A subscription counts as active when Redis confirms it by name (the listener's {@code subscribed} callback), not
 * when the command's future completes: lettuce completes a SUBSCRIBE with the first confirmation that arrives, which
 * after a reconnect may belong to its own multi-channel re-subscribe. Confirmations are counted per channel, and only
 * the one answering the latest SUBSCRIBE makes the channel active. Counting restarts with every connection
 * ({@link #newConnection}), since confirmations of a lost connection never come.
 */
final class Subscriptions {
    private static final System.Logger LOG = System.getLogger(Subscriptions.class.getName());

    /** Sends the commands; a call must not block, and a failure may be reported either way. */
    interface Commands {
        CompletionStage<?> subscribe(String channel);

        CompletionStage<?> unsubscribe(String channel);
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong connection = new AtomicLong();
    private final Commands commands;
    /** Runs failure handling off the caller: a command rejected at once must not re-enter {@code compute}. */
    private final Executor failures;

    Subscriptions(Commands commands, Executor failures) {
        this.commands = commands;
        this.failures = failures;
    }

    /** Counts one follow; the result completes when the subscription is active, or fails when it could not be made. */
    CompletableFuture<Void> acquire(String channel) {
        CompletableFuture<?>[] ready = {CompletableFuture.completedFuture(null)};
        entries.compute(channel, (ch, e) -> {
            Entry entry = e == null ? new Entry(connection.get()) : sync(e);
            entry.count++;
            if (entry.count == 1) {
                subscribe(ch, entry);
            }
            if (entry.count > 0) {
                ready[0] = entry.active;
            }
            return entry.removable() ? null : entry;
        });
        @SuppressWarnings("unchecked")
        CompletableFuture<Void> result = (CompletableFuture<Void>) ready[0];
        return result;
    }

    /** Counts one unfollow; the last one unsubscribes. */
    void release(String channel) {
        entries.compute(channel, (ch, e) -> {
            Entry entry = e == null ? new Entry(connection.get()) : sync(e);
            entry.count--;
            if (entry.count == 0) {
                unsubscribe(ch);
            }
            return entry.removable() ? null : entry;
        });
    }

    /** Redis confirmed a subscription to the channel on the current connection. */
    void confirmed(String channel) {
        entries.compute(channel, (ch, e) -> {
            if (e == null) {
                unsubscribe(ch); // nobody wants it (any more), e.g. lettuce re-subscribed it after a reconnect
                return null;
            }
            Entry entry = sync(e);
            if (entry.unconfirmed > 0) {
                entry.unconfirmed--;
            }
            if (entry.count > 0 && entry.unconfirmed == 0) {
                entry.active.complete(null);
            } else if (entry.count <= 0 && entry.unconfirmed == 0) {
                unsubscribe(ch); // usually repeats an UNSUBSCRIBE already on its way, which is harmless
            }
            return entry.removable() ? null : entry;
        });
    }

    /** The connection was lost: what was sent on it will never be confirmed. */
    void newConnection() {
        connection.incrementAndGet();
    }

    long connection() {
        return connection.get();
    }

    /** The channels known now, followed or not (a snapshot to walk through with {@link #resubscribe}). */
    List<String> channels() {
        return new ArrayList<>(entries.keySet());
    }

    /** Subscribes the channel again if it is followed; the result completes when Redis confirms it. */
    Optional<CompletableFuture<Void>> resubscribe(String channel) {
        CompletableFuture<?>[] pending = {null};
        entries.computeIfPresent(channel, (ch, e) -> {
            Entry entry = sync(e);
            if (entry.count > 0) {
                subscribe(ch, entry);
                pending[0] = entry.active;
            }
            return entry.removable() ? null : entry;
        });
        @SuppressWarnings("unchecked")
        CompletableFuture<Void> result = (CompletableFuture<Void>) pending[0];
        return Optional.ofNullable(result);
    }

    /** Channels followed now (count positive). */
    int followed() {
        return (int) entries.values().stream().filter(e -> e.count > 0).count();
    }

    boolean isFollowed(String channel) {
        Entry entry = entries.get(channel);
        return entry != null && entry.count > 0;
    }

    private Entry sync(Entry entry) {
        long current = connection.get();
        if (entry.connection != current) {
            entry.connection = current;
            entry.unconfirmed = 0;
        }
        return entry;
    }

    private void subscribe(String channel, Entry entry) {
        if (entry.active.isDone()) {
            entry.active = new CompletableFuture<>();
        }
        entry.unconfirmed++;
        CompletableFuture<Void> active = entry.active;
        long sentOn = entry.connection;
        send(() -> commands.subscribe(channel)).whenCompleteAsync((ignored, error) -> {
            if (error != null) {
                subscribeFailed(channel, sentOn, active, error);
            }
        }, failures);
    }

    private void subscribeFailed(String channel, long sentOn, CompletableFuture<Void> active, Throwable error) {
        LOG.log(Level.DEBUG, () -> "could not subscribe " + channel + ": " + error);
        entries.computeIfPresent(channel, (ch, e) -> {
            Entry entry = sync(e);
            if (entry.connection == sentOn && entry.unconfirmed > 0) {
                entry.unconfirmed--; // that confirmation will not come
            }
            return entry.removable() ? null : entry;
        });
        active.completeExceptionally(error); // followers stop waiting; the channel stays wanted and is re-subscribed
    }

    private void unsubscribe(String channel) {
        send(() -> commands.unsubscribe(channel)).whenCompleteAsync((ignored, error) -> {
            if (error != null) {
                // if the connection was lost, lettuce may re-subscribe it on reconnect; confirmed() then drops it
                LOG.log(Level.DEBUG, () -> "could not unsubscribe " + channel + ": " + error);
            }
        }, failures);
    }

    private static CompletionStage<?> send(Supplier<CompletionStage<?>> command) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A channel's state. Guarded by the map's lock for its key. */
    private static final class Entry {
        private volatile int count;
        /** SUBSCRIBEs sent on the current connection whose confirmation has not arrived. */
        private int unconfirmed;
        private long connection;
        private CompletableFuture<Void> active = new CompletableFuture<>();

        private Entry(long connection) {
            this.connection = connection;
        }

        private boolean removable() {
            return count == 0 && unconfirmed == 0;
        }
    }
}
