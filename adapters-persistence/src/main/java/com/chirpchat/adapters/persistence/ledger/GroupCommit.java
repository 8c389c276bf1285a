package com.chirpchat.adapters.persistence.ledger;

import java.time.Duration;
import java.util.Objects;

import com.chirpchat.adapters.persistence.db.PersistenceException;
import io.helidon.config.Config;

/**
 * How the chats' writers batch their changes ({@link ChatWriters}).
 *
 * @param maxBatch   most changes to one chat stored in one transaction ({@code chirpchat.db.batch-size}, 1 to 1000)
 * @param linger     how long the writer waits for more changes after the first of a batch that is not full
 *                   ({@code chirpchat.db.batch-linger}, at most 10 ms); zero takes what queued while the previous
 *                   batch was at the database, so a lone change waits for nothing
 * @param batchChats most chats whose batches one writer stores in one transaction ({@code chirpchat.db.batch-chats},
 *                   1 to 256; 1 = each chat in a transaction of its own)
 * @param writers    most writers at the database at once ({@code chirpchat.db.writers}, 0 to 256, never more than the
 *                   pool's connections; 0 = as many as the instance has processors, at least 2): changes that arrive
 *                   while every writer is at the database wait and are stored together, so fewer writers make
 *                   batches form sooner under load (a free writer still takes a lone change at once)
 */
public record GroupCommit(int maxBatch, Duration linger, int batchChats, int writers) {
    private static final Duration MAX_LINGER = Duration.ofMillis(10);
    public static final GroupCommit DEFAULTS = new GroupCommit(64, Duration.ZERO, 16, 0);

    public GroupCommit {
        Objects.requireNonNull(linger, "linger");
        if (maxBatch < 1 || maxBatch > 1000) {
            throw new PersistenceException("chirpchat.db.batch-size must be between 1 and 1000");
        }
        if (linger.isNegative() || linger.compareTo(MAX_LINGER) > 0) {
            throw new PersistenceException("chirpchat.db.batch-linger must be between PT0S and PT0.01S");
        }
        if (batchChats < 1 || batchChats > 256) {
            throw new PersistenceException("chirpchat.db.batch-chats must be between 1 and 256");
        }
        if (writers < 0 || writers > 256) {
            throw new PersistenceException("chirpchat.db.writers must be between 0 (as many as processors) and 256");
        }
    }

    /** With the default {@code batch-chats} and {@code writers}. */
    public GroupCommit(int maxBatch, Duration linger) {
        this(maxBatch, linger, DEFAULTS.batchChats, DEFAULTS.writers);
    }

    /** How many writers run at most, given the pool's size (a writer holds a connection while it stores). */
    public int writers(int poolSize) {
        return writers(poolSize, Runtime.getRuntime().availableProcessors());
    }

    /** The same, given the processors too. */
    public int writers(int poolSize, int processors) {
        return Math.min(poolSize, writers == 0 ? Math.max(2, processors) : writers);
    }

    /** The settings in the {@code chirpchat.db} node, defaults for what it leaves out. */
    public static GroupCommit create(Config db) {
        return new GroupCommit(db.get("batch-size").asInt().orElse(DEFAULTS.maxBatch),
                               db.get("batch-linger").as(Duration.class).orElse(DEFAULTS.linger),
                               db.get("batch-chats").asInt().orElse(DEFAULTS.batchChats),
                               db.get("writers").asInt().orElse(DEFAULTS.writers));
    }
}
