package com.chirpchat.application.media;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The durable queue of assets to delete from the media store. Tasks are written by chat changes (with the
 * deletion that causes them) and worked off by {@link MediaDeletionWorker}s, possibly on several instances.
 */
public interface MediaDeletionQueuePort {
    /**
     * Claims up to {@code max} tasks that are due and not claimed by someone else, counting an attempt for each.
     * A claim lasts {@code lease}: a worker that dies leaves its tasks to be claimed again when it runs out.
     */
    List<MediaDeletionTask> claimDue(Instant now, Duration lease, int max);

    /**
     * Extends this claim's lease to {@code until} while its worker is still at it (a destroy can outlast a lease);
     * false when the claim is no longer the task's latest (its lease ran out and another worker took the task) or
     * the task is gone.
     */
    boolean renew(MediaDeletionTask task, Instant until);

    /** The asset is gone: forget the task. */
    void completed(long taskId);

    /**
     * Release the claim; the task is due again at {@code dueAt}. Only while this claim is the task's latest
     * (same attempt): a worker whose lease ran out must not undo a newer claim.
     */
    void retryLater(MediaDeletionTask task, Instant dueAt, String lastError);

    /** Give up: keep the task, with its error, for people to look at. Only while this claim is the latest. */
    void deadLetter(MediaDeletionTask task, String lastError);

    /** Tasks waiting (due or not) and tasks given up on. */
    Stats stats();

    record Stats(long pending, long deadLettered) {
    }
}
