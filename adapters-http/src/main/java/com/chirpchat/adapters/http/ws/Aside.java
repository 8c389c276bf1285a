package com.chirpchat.adapters.http.ws;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * Runs a blocking use case (token and session check, subscribing: database, Redis) on a short-lived virtual thread
 * while the connection's thread waits for it. The connection's thread lives as long as the connection, and what a
 * call leaves on its thread stays with it: the stack chunk a virtual thread parked deep inside a JDBC read needed
 * (kept and reused for the thread's life), thread-locals of the libraries below (the pool's per-thread list of
 * connections, buffers). Waiting here parks the connection's thread at a shallow stack, and the rest goes away with
 * the short thread. The order is the same as a direct call's: the connection's thread does nothing else meanwhile.
 */
final class Aside {
    private static final ThreadFactory THREADS = Thread.ofVirtual().name("chirpchat-ws-call").factory();

    private Aside() {
    }

    /** The call's result, or its exception as it was thrown; interrupted, the call is interrupted too. */
    static <T> T call(Supplier<T> call) {
        FutureTask<T> task = new FutureTask<>(call::get);
        Thread thread = THREADS.newThread(task);
        thread.start();
        try {
            return task.get();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a use case", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
