package com.chirpchat.adapters.http.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Keeps {@code hello} first without sending it too early. The contract says that after {@code hello} the client
 * receives every event of its chats, so hello may only leave once the subscription is in place (the router has
 * read each chat's position); events the router delivers while it is being made are held here and queued right
 * after hello, in the order they came.
 */
final class Greeting<F> {
    private final int capacity;
    private List<F> held = new ArrayList<>(); // guarded by this; null once greeted
    private volatile boolean greeted;
    private boolean overflowed; // guarded by this

    /** @param capacity frames held at most (the outbox's size: more could not be queued after hello anyway) */
    Greeting(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Queues an event frame through {@code queue} once hello is queued, holds it until then; false when it did not
     * fit (what is held beyond the capacity is reported by {@link #greet}).
     */
    boolean offer(F frame, Predicate<? super F> queue) {
        if (greeted) {
            return queue.test(frame);
        }
        synchronized (this) {
            if (held == null) {
                return queue.test(frame);
            }
            if (held.size() < capacity) {
                held.add(frame);
            } else {
                overflowed = true;
            }
            return true;
        }
    }

    /**
     * Queues hello, then what was held, through {@code queue} (false: no room); returns false when something did
     * not fit. Frames delivered meanwhile wait for this to finish, so none overtakes hello or the held ones.
     */
    synchronized boolean greet(F hello, Predicate<? super F> queue) {
        List<F> frames = held;
        held = null;
        greeted = true;
        boolean fitted = !overflowed && queue.test(hello);
        for (int i = 0; fitted && i < frames.size(); i++) {
            fitted = queue.test(frames.get(i));
        }
        return fitted;
    }
}
