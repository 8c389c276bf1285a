package com.chirpchat.adapters.http.ws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

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
 * The writer takes everything queued at once and writes the text frames among it in one go: event frames are
 * already complete frames ({@link EventFrame}, rendered once and shared by every connection), so their bytes are
 * put side by side with the other text frames and written to the socket with one write and one flush, however many
 * there are. Pongs and the close frame go through the session, in their place in the order.
 */
final class Outbox {
    private static final Object STOP = new Object();
    /** Most items one write takes; what is left is written next (the queue is bounded anyway). */
    private static final int MAX_COALESCED = 256;

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

    /** A text frame: a {@link String} (a reply, hello) or an {@link EventFrame}. */
    boolean offer(Object frame) {
        if (!(frame instanceof String) && !(frame instanceof EventFrame)) {
            throw new IllegalArgumentException("not a text frame: " + frame);
        }
        return queue.offer(frame);
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
        DataWriter raw = session.socketContext() instanceof ConnectionContext context ? context.dataWriter() : null;
        List<Object> items = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        try {
            while (true) {
                items.add(queue.take());
                queue.drainTo(items, MAX_COALESCED - 1);
                writingSince = System.nanoTime() | 1;
                try {
                    for (Object item : items) {
                        if (item == STOP) {
                            return;
                        }
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
                }
            }
        } catch (InterruptedException e) {
            // stopped on purpose
        } catch (RuntimeException e) {
            owner.writeFailed(e);
        }
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
