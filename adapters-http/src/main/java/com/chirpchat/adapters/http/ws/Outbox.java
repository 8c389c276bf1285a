package com.chirpchat.adapters.http.ws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

import com.chirpchat.wire.EventFrame;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.webserver.ConnectionContext;
import io.helidon.websocket.WsSession;

/**
 * One connection's outgoing frames: a bounded queue drained by a single virtual thread, the only thread that
 * ever writes to the session (Helidon 4.1's {@code WsSession.send} is not thread-safe). Producers never block:
 * {@link #offer} fails when the queue is full, and the owner decides what a full queue means.
 * <p>
 * The writer runs only while there is something to write: the offer that finds no writer starts one, and the
 * writer ends when it finds the queue empty. Both happen under the outbox's lock, so a frame offered while the
 * writer is ending either is taken by that writer or starts the next one, and there is never more than one. An
 * idle connection holds no writer thread and no queue (most connections are idle most of the time: a parked
 * virtual thread's stack stays on the heap).
 * <p>
 * The writer takes everything queued at once and writes the text frames among it in one go: event frames are
 * already complete frames ({@link EventFrame}, rendered once and shared by every connection), so their bytes are
 * put side by side with the other text frames and written to the socket with one write and one flush, however many
 * there are. Pongs and the close frame go through the session, in their place in the order.
 */
final class Outbox {
    /** Most items one write takes; what is left is written next (the queue is bounded anyway). */
    private static final int MAX_COALESCED = 256;
    private static final ThreadFactory WRITERS = Thread.ofVirtual().name("chirpchat-ws-writer").factory();

    private final WsSession session;
    private final Owner owner;
    private final int capacity;
    private final ThreadFactory writers;
    private ArrayDeque<Object> queue;   // guarded by this; null while empty and no writer runs
    private Thread writer;              // guarded by this; the running writer, null when none runs
    private boolean started;            // guarded by this; no writer before start()
    private boolean finished;           // guarded by this; close frame sent or stopped: nothing is written any more
    /** {@link System#nanoTime()} when the current write began; 0 while not writing. */
    private volatile long writingSince;

    Outbox(WsSession session, Owner owner, int capacity) {
        this(session, owner, capacity, WRITERS);
    }

    /** @param writers makes the writer threads (tests count them) */
    Outbox(WsSession session, Owner owner, int capacity, ThreadFactory writers) {
        this.session = session;
        this.owner = owner;
        this.capacity = capacity;
        this.writers = writers;
    }

    /** From now on, whatever is queued is written (what was queued before is written now). */
    void start() {
        Thread launch;
        synchronized (this) {
            started = true;
            launch = writerIfNeeded();
        }
        launch(launch);
    }

    /** A text frame: a {@link String} (a reply, hello) or an {@link EventFrame}. */
    boolean offer(Object frame) {
        if (!(frame instanceof String) && !(frame instanceof EventFrame)) {
            throw new IllegalArgumentException("not a text frame: " + frame);
        }
        return enqueue(frame);
    }

    boolean offerPong(byte[] payload) {
        return enqueue(new Pong(payload));
    }

    /** Queues a close frame; what was queued before it is still sent, nothing after it. */
    boolean offerClose(int code, String reason) {
        return enqueue(new Close(code, reason));
    }

    /** Forgets what waits to be sent, then queues a close frame (room is made for it). */
    void replaceWithClose(int code, String reason) {
        Thread launch;
        synchronized (this) {
            if (finished) {
                return;
            }
            queue().clear();
            queue.add(new Close(code, reason));
            launch = writerIfNeeded();
        }
        launch(launch);
    }

    /** Lets the writer finish its current write, then stops it; true when it stopped within the timeout. */
    boolean stop(long timeoutMillis) throws InterruptedException {
        Thread running;
        synchronized (this) {
            finish();
            running = writer;
        }
        return running == null || running.join(Duration.ofMillis(timeoutMillis));
    }

    /** Stops writing at once; if the writer is blocked in a socket write, that write fails. */
    void interrupt() {
        Thread running;
        synchronized (this) {
            finish();
            running = writer;
        }
        if (running != null) {
            running.interrupt();
        }
    }

    /** How long the current write has been blocked, in nanoseconds; 0 when not writing. */
    long writingFor(long now) {
        long since = writingSince;
        return since == 0 ? 0 : now - since;
    }

    /** Whether a writer thread runs now (an idle outbox has none). */
    synchronized boolean writing() {
        return writer != null;
    }

    private boolean enqueue(Object item) {
        Thread launch;
        synchronized (this) {
            if (finished) {
                return true; // the connection is going away: nothing more is written, and that is no overflow
            }
            ArrayDeque<Object> waiting = queue();
            if (waiting.size() >= capacity) {
                return false;
            }
            waiting.add(item);
            launch = writerIfNeeded();
        }
        launch(launch);
        return true;
    }

    private ArrayDeque<Object> queue() {
        if (queue == null) {
            queue = new ArrayDeque<>();
        }
        return queue;
    }

    /** A new writer when something waits, none runs and writing may begin; its start is the caller's (unlocked). */
    private Thread writerIfNeeded() {
        if (writer != null || !started || finished || queue == null || queue.isEmpty()) {
            return null;
        }
        writer = writers.newThread(this::drain);
        return writer;
    }

    private static void launch(Thread thread) {
        if (thread != null) {
            thread.start();
        }
    }

    private void finish() {
        finished = true;
        queue = null;
    }

    /**
     * Moves the next items to write (up to {@link #MAX_COALESCED}) into {@code items}; false when there are none or
     * writing is over: the writer ends then, and the next offer starts a new one.
     */
    private synchronized boolean take(List<Object> items) {
        if (!finished && queue != null) {
            for (int i = 0; i < MAX_COALESCED && !queue.isEmpty(); i++) {
                items.add(queue.poll());
            }
        }
        if (items.isEmpty()) {
            writer = null;
            queue = null;
            return false;
        }
        return true;
    }

    private void drain() {
        DataWriter raw = session.socketContext() instanceof ConnectionContext context ? context.dataWriter() : null;
        List<Object> items = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        try {
            while (take(items)) {
                writingSince = System.nanoTime() | 1;
                try {
                    for (Object item : items) {
                        switch (item) {
                            case EventFrame event -> frames.add(event.bytes());
                            case String text -> frames.add(EventFrame.textFrame(text.getBytes(StandardCharsets.UTF_8)));
                            case Pong pong -> {
                                write(raw, frames);
                                session.pong(BufferData.create(pong.payload()));
                            }
                            case Close close -> {
                                write(raw, frames);
                                session.close(close.code(), close.reason());
                                closed();
                                owner.closeFrameSent();
                                return;
                            }
                            default -> throw new IllegalStateException("unexpected outbox item " + item);
                        }
                    }
                    write(raw, frames);
                } finally {
                    writingSince = 0;
                    items.clear();
                    frames.clear();
                }
            }
        } catch (RuntimeException e) {
            closed();
            owner.writeFailed(e);
        }
    }

    /** The close frame is out (or writing failed): nothing more is written, and this writer is the last. */
    private synchronized void closed() {
        finish();
        writer = null;
    }

    /** The frames side by side, in one write and flush; forgets them. */
    private void write(DataWriter raw, List<byte[]> frames) {
        if (frames.isEmpty()) {
            return;
        }
        if (raw == null) {
            // not a server connection (no raw writer to be had): frame by frame through the session
            for (byte[] frame : frames) {
                session.send(payloadText(frame), true);
            }
        } else if (frames.size() == 1) {
            raw.writeNow(BufferData.create(frames.getFirst()));
        } else {
            int total = 0;
            for (byte[] frame : frames) {
                total += frame.length;
            }
            byte[] all = new byte[total];
            int at = 0;
            for (byte[] frame : frames) {
                System.arraycopy(frame, 0, all, at, frame.length);
                at += frame.length;
            }
            raw.writeNow(BufferData.create(all));
        }
        frames.clear();
    }

    /** The text of a frame {@link EventFrame#textFrame} made. */
    private static String payloadText(byte[] frame) {
        int length = frame[1] & 0x7f;
        int header = length < 126 ? 2 : length == 126 ? 4 : 10;
        return new String(frame, header, frame.length - header, StandardCharsets.UTF_8);
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
