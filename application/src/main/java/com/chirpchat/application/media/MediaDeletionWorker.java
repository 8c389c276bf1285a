package com.chirpchat.application.media;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import com.chirpchat.application.event.TaskScheduler;

/**
 * Works off the deletion queue: destroys each claimed asset in the media store, retrying with backoff while the
 * store fails or can't be reached, and dead-letters a task (loudly) after the policy's last attempt. Safe to run
 * on several instances at once: claims keep them apart, and short leases, renewed while a batch is worked off
 * ({@link LeaseKeeper}), hand a crashed worker's tasks to another within seconds.
 */
public final class MediaDeletionWorker {
    private static final System.Logger LOG = System.getLogger(MediaDeletionWorker.class.getName());

    private final MediaDeletionQueuePort queue;
    private final MediaStore store;
    private final RetryPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;
    private final TaskScheduler scheduler;
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();

    public MediaDeletionWorker(MediaDeletionQueuePort queue, MediaStore store, RetryPolicy policy, Clock clock, RandomGenerator random) {
        this(queue, store, policy, clock, random, TaskScheduler.virtualThreads());
    }

    /** @param scheduler times the lease renewals */
    public MediaDeletionWorker(MediaDeletionQueuePort queue, MediaStore store, RetryPolicy policy, Clock clock, RandomGenerator random,
                               TaskScheduler scheduler) {
        this.queue = queue;
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.scheduler = scheduler;
    }

    /** Handles one batch of due tasks; returns how many it claimed (0: nothing was due). */
    public int runOnce() {
        List<MediaDeletionTask> tasks = queue.claimDue(clock.instant(), policy.lease(), policy.batchSize());
        if (tasks.isEmpty()) {
            return 0;
        }
        LeaseKeeper lease = LeaseKeeper.keep(queue, clock, scheduler, policy.lease(), tasks);
        try {
            for (MediaDeletionTask task : tasks) {
                if (lease.held(task)) {
                    work(task, lease);
                }
            }
        } finally {
            lease.end();
        }
        return tasks.size();
    }

    /** Destroys the task's asset; a failure is retried later, or dead-lettered after the last attempt. */
    private void work(MediaDeletionTask task, LeaseKeeper lease) {
        try {
            store.destroy(task.assetKey(), task.type());
            lease.done(task);
            queue.completed(task.id());
            deleted.incrementAndGet();
        } catch (RuntimeException e) {
            lease.done(task);
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (task.attempts() >= policy.maxAttempts()) {
                queue.deadLetter(task, error);
                deadLettered.incrementAndGet();
                LOG.log(Level.ERROR, "gave up deleting media " + task.assetKey() + " after " + task.attempts()
                        + " attempts (dead-lettered task " + task.id() + "): " + error);
            } else {
                queue.retryLater(task, clock.instant().plus(policy.delayAfter(task.attempts(), random)), error);
                retried.incrementAndGet();
                LOG.log(Level.WARNING, "deleting media " + task.assetKey() + " failed (attempt " + task.attempts()
                        + " of " + policy.maxAttempts() + "), will retry: " + error);
            }
        }
    }

    /** Assets deleted by this worker since it started. */
    public long deleted() {
        return deleted.get();
    }

    public long retried() {
        return retried.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    public MediaDeletionQueuePort.Stats queueStats() {
        return queue.stats();
    }
}
