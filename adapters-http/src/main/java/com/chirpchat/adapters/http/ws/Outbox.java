package com.chirpchat.adapters.http.ws;

import java.util.concurrent.LinkedBlockingQueue;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsSession;

/**
 * One connection's outgoing frames: a bounded queue drained by a single virtual thread, the only thread that
 * ever writes to the session (Helidon 4.1's {@code WsSession.send} is not thread-safe). Producers never block:
 * {@link #offer} fails when the queue is full, and the owner decides what a full queue means.
 */
final class Outbox {
    private static final Object STOP = new Object();

    private final WsSession session;
    private final Owner owner;
    private final LinkedBlockingQueue<Object> queue;
    private final Thread writer;
    /** {@link System#nanoTime()} when the current write began; 0 while not writing. */
    private volatile long writingSince;

    Outbox(WsSession session, Owner owner, int capacity, String name) {
        this.session = session;
        this.owner = owner;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.writer = Thread.ofVirtual().name(name).unstarted(this::drain);
    }

    void start() {
        writer.start();
    }

    boolean offer(String text) {
        return queue.offer(text);
    }

    boolean offerPong(byte[] payload) {
        return queue.offer(new Pong(payload));
    }

    /** Queues a close frame; what was queued before it is still sent, nothing after it. */
    boolean offerClose(int code, String reason) {
        return queue.offer(new Close(code, reason));
    }

    /** Forgets what waits to be sent, then queues a close frame (room is made for it). */
    void replaceWithClose(int code, String reason) {
        queue.clear();
        queue.offer(new Close(code, reason));
    }

    /** Lets the writer finish its current frame, then stops it; true when it stopped within the timeout. */
    boolean stop(long timeoutMillis) throws InterruptedException {
        queue.clear();
        if (!queue.offer(STOP)) {
            return false;
        }
        return writer.join(java.time.Duration.ofMillis(timeoutMillis));
    }

    /** Stops the writer at once; if it is blocked in a socket write, that write fails. */
    void interrupt() {
        writer.interrupt();
    }

    /** How long the current write has been blocked, in nanoseconds; 0 when not writing. */
    long writingFor(long now) {
        long since = writingSince;
        return since == 0 ? 0 : now - since;
    }

    private void drain() {
        try {
            while (true) {
                Object item = queue.take();
                if (item == STOP) {
                    return;
                }
                writingSince = System.nanoTime() | 1;
                try {
                    switch (item) {
                        case String text -> session.send(text, true);
                        case Pong pong -> session.pong(BufferData.create(pong.payload()));
                        case Close close -> {
                            session.close(close.code(), close.reason());
                            owner.closeFrameSent();
                            return;
                        }
                        default -> throw new IllegalStateException("unexpected outbox item " + item);
                    }
                } finally {
                    writingSince = 0;
                }
            }
        } catch (InterruptedException e) {
            // stopped on purpose
        } catch (RuntimeException e) {
            owner.writeFailed(e);
        }
    }

    /** Whoever the outbox writes for. */
    interface Owner {
        void closeFrameSent();

        void writeFailed(RuntimeException e);
    }

    private record Pong(byte[] payload) {
    }

    private record Close(int code, String reason) {
    }
}
