package com.chirpchat.application.fakes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.chirpchat.application.media.MediaDeletionQueuePort;
import com.chirpchat.application.media.MediaDeletionTask;
import com.chirpchat.domain.ledger.ChatWrite;
import com.chirpchat.domain.media.ResourceType;

/** The media deletion queue in memory, with the claims and leases of the database's. */
final class MemoryDeletionQueue implements MediaDeletionQueuePort {
    private final Map<Long, Task> tasks = new LinkedHashMap<>();
    private long nextId = 1;

    synchronized void add(List<ChatWrite.QueueAssetDeletion> queued) {
        for (ChatWrite.QueueAssetDeletion q : queued) {
            tasks.put(nextId, new Task(nextId++, q.assetKey(), q.type(), q.at()));
        }
    }

    /** Every queued asset key, dead or alive. */
    synchronized List<String> keys() {
        return tasks.values().stream().map(t -> t.assetKey).toList();
    }

    @Override
    public synchronized List<MediaDeletionTask> claimDue(Instant now, Duration lease, int max) {
        List<MediaDeletionTask> claimed = new ArrayList<>();
        for (Task task : tasks.values()) {
            if (claimed.size() == max) {
                break;
            }
            if (!task.dead && !task.dueAt.isAfter(now) && (task.lockedUntil == null || !task.lockedUntil.isAfter(now))) {
                task.attempts++;
                task.lockedUntil = now.plus(lease);
                claimed.add(new MediaDeletionTask(task.id, task.assetKey, task.type, task.attempts));
            }
        }
        return claimed;
    }

    @Override
    public synchronized boolean renew(MediaDeletionTask claimed, Instant until) {
        Task task = current(claimed);
        if (task == null || task.dead || task.lockedUntil == null) {
            return false; // gone, given up on, or released (retry later): not this claim's any more
        }
        task.lockedUntil = until;
        return true;
    }

    @Override
    public synchronized void completed(long taskId) {
        tasks.remove(taskId);
    }

    @Override
    public synchronized void retryLater(MediaDeletionTask claimed, Instant dueAt, String lastError) {
        Task task = current(claimed);
        if (task != null) {
            task.dueAt = dueAt;
            task.lockedUntil = null;
            task.lastError = lastError;
        }
    }

    @Override
    public synchronized void deadLetter(MediaDeletionTask claimed, String lastError) {
        Task task = current(claimed);
        if (task != null) {
            task.dead = true;
            task.lockedUntil = null;
            task.lastError = lastError;
        }
    }

    @Override
    public synchronized Stats stats() {
        long dead = tasks.values().stream().filter(t -> t.dead).count();
        return new Stats(tasks.size() - dead, dead);
    }

    /** The task while this claim is its latest; null when it was completed or claimed again since. */
    private Task current(MediaDeletionTask claimed) {
        Task task = tasks.get(claimed.id());
        return task == null || task.attempts != claimed.attempts() ? null : task;
    }

    private static final class Task {
        private final long id;
        private final String assetKey;
        private final ResourceType type;
        private Instant dueAt;
        private Instant lockedUntil;
        private int attempts;
        private boolean dead;
        private String lastError;

        private Task(long id, String assetKey, ResourceType type, Instant dueAt) {
            this.id = id;
            this.assetKey = assetKey;
            this.type = type;
            this.dueAt = dueAt;
        }
    }
}
