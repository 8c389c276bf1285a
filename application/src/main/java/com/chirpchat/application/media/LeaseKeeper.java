package com.chirpchat.application.media;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.chirpchat.application.event.TaskScheduler;

/**
 * Keeps a worker's claim on its tasks while it works them off: every third of the lease, until {@link #end()}, the
 * tasks not done yet are leased again from now. The lease can then be short — a dead worker's tasks are claimed
 * again within seconds — and still no destroy that takes longer than it (a slow media store, a long batch) loses
 * its task to a second worker. A task whose claim could not be renewed (it ran out first and someone else has the
 * task now) is {@linkplain #held no longer held}.
 */
final class LeaseKeeper {
    private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());

    private final MediaDeletionQueuePort queue;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final Duration lease;
    private final Duration period;
    private final Set<MediaDeletionTask> pending = ConcurrentHashMap.newKeySet();
    private final Set<Long> lost = ConcurrentHashMap.newKeySet();
    private volatile boolean ended;

    private LeaseKeeper(MediaDeletionQueuePort queue, Clock clock, TaskScheduler scheduler, Duration lease,
                        List<MediaDeletionTask> tasks) {
        this.queue = queue;
        this.clock = clock;
        this.scheduler = scheduler;
        this.lease = lease;
        this.period = lease.dividedBy(3);
        this.pending.addAll(tasks);
    }

    /** Starts keeping the claim on {@code tasks}, just claimed for {@code lease}. */
    static LeaseKeeper keep(MediaDeletionQueuePort queue, Clock clock, TaskScheduler scheduler, Duration lease,
                            List<MediaDeletionTask> tasks) {
        LeaseKeeper keeper = new LeaseKeeper(queue, clock, scheduler, lease, tasks);
        scheduler.schedule(keeper.period, keeper::renew);
        return keeper;
    }

    /** False once the claim on the task was lost: another worker has it. */
    boolean held(MediaDeletionTask task) {
        return !lost.contains(task.id());
    }

    /** The worker is through with the task: it needs no lease any more. */
    void done(MediaDeletionTask task) {
        pending.remove(task);
    }

    /** The batch is through: no more renewals. */
    void end() {
        ended = true;
    }

    private void renew() {
        if (ended) {
            return;
        }
        for (MediaDeletionTask task : List.copyOf(pending)) {
            try {
                if (!queue.renew(task, clock.instant().plus(lease)) && pending.remove(task)) {
                    lost.add(task.id());
                    LOG.log(Level.WARNING, "lost the claim on deleting media " + task.assetKey()
                            + " (its lease ran out first); another worker has it");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not renew the lease on deleting media " + task.assetKey(), e);
            }
        }
        if (!ended) {
            scheduler.schedule(period, this::renew);
        }
    }
}
