package com.chirpchat.adapters.redis;

import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on virtual threads: one after another per key, concurrently across keys. Messages of a channel thus
 * reach the listener in the order Redis delivered them (which spares the router needless gap-filling reads), while
 * a slow chat holds up no other, and lettuce's event loop never runs listener code. A lane's thread exists only
 * while the lane has work. At most {@code limit} tasks wait at any time; beyond that {@link #submit} refuses.
 */
final class SerialLanes {
    private static final System.Logger LOG = System.getLogger(SerialLanes.class.getName());

    private final ConcurrentHashMap<String, Queue<Runnable>> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final int limit;
    private final Thread.Builder threads;

    SerialLanes(String threadName, int limit) {
        this.limit = limit;
        this.threads = Thread.ofVirtual().name(threadName, 0);
    }

    /** Queues the task behind the key's earlier ones; false (and nothing queued) when too many tasks wait. */
    boolean submit(String key, Runnable task) {
        if (waiting.incrementAndGet() > limit) {
            waiting.decrementAndGet();
            return false;
        }
        boolean[] opened = {false};
        Queue<Runnable> lane = lanes.compute(key, (k, tasks) -> {
            if (tasks == null) {
                tasks = new ConcurrentLinkedQueue<>();
                opened[0] = true;
            }
            tasks.add(task);
            return tasks;
        });
        if (opened[0]) {
            threads.start(() -> drain(key, lane));
        }
        return true;
    }

    /** Tasks queued and not yet started. */
    int waiting() {
        return waiting.get();
    }

    private void drain(String key, Queue<Runnable> lane) {
        while (true) {
            Runnable task = lane.poll();
            if (task == null) {
                // adding and closing both happen under the map's lock for the key, so no task is left behind
                boolean[] closed = {false};
                lanes.computeIfPresent(key, (k, tasks) -> {
                    if (tasks == lane && tasks.isEmpty()) {
                        closed[0] = true;
                        return null;
                    }
                    return tasks;
                });
                if (closed[0]) {
                    return;
                }
                continue;
            }
            waiting.decrementAndGet();
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "a fanout task failed", e);
            }
        }
    }
}
