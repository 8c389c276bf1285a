package com.chirpchat.bootstrap.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.Api.Session;

/**
 * Clients posting to a chat through several instances at once, as a well-behaved app does: every post carries a
 * {@code clientMessageId}, and a post refused for now (503) or lost with its connection is sent again with the same
 * id after the {@code Retry-After}. Every answer is kept, so a test can say that nothing was a 500 and, with the
 * chat's history, that every post was stored exactly once.
 */
final class Posters implements AutoCloseable {
    private static final int MAX_TRIES = 60;

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Future<?>> running = new ArrayList<>();
    private final List<Integer> statuses = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> stored = new ConcurrentHashMap<>();
    private final AtomicInteger done = new AtomicInteger();

    /** {@code count} posts by {@code who} to {@code chat} through {@code api}, one after another, ids prefixed. */
    Posters start(Api api, Session who, String chat, String prefix, int count) {
        running.add(threads.submit(() -> {
            for (int i = 0; i < count; i++) {
                post(api, who, chat, prefix + "-" + i);
                done.incrementAndGet();
            }
            return null;
        }));
        return this;
    }

    /** Posts finished so far (stored or given up on). */
    int done() {
        return done.get();
    }

    /** Waits for every poster to finish. */
    void awaitAll(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<?> poster : running) {
            poster.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /** Every HTTP status the posts got, retries included. */
    List<Integer> statuses() {
        return List.copyOf(statuses);
    }

    /** The client ids that were answered 200 or 201 in the end (all of them, unless a post gave up). */
    Map<String, Integer> stored() {
        return Map.copyOf(stored);
    }

    private void post(Api api, Session who, String chat, String clientId) {
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            int status;
            try {
                status = api.post("/chats/" + chat + "/messages", who.token(), Map.of("text", "post " + clientId,
                                                                                  "clientMessageId", clientId)).status();
            } catch (IllegalStateException connectionLost) {
                status = -1; // no answer at all: unknown whether it was stored, so send it again
            }
            statuses.add(status);
            if (status == 200 || status == 201) {
                stored.put(clientId, status);
                return;
            }
            if (status != 503 && status != -1) {
                return; // a real refusal: the test sees it in the statuses
            }
            DeliveryCheck.sleep(Duration.ofMillis(200)); // well inside Retry-After's second, to keep the test short
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
