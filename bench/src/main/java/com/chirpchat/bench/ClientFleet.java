package com.chirpchat.bench;

import java.time.Duration;

/** WebSocket clients, one per user, that report to a {@link StepMeter}: the JDK's or the lean NIO ones. */
interface ClientFleet extends Receivers, AutoCloseable {
    /** Where one client connects. {@code token} may be null (bare server). */
    record Spec(java.net.URI uri, String token) {
    }

    int size();

    default int openCount() {
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (isOpen(i)) {
                n++;
            }
        }
        return n;
    }

    /** Connects every client that is not open, {@code parallel} at a time, and waits for their hello frames. */
    int connectMissing(int parallel, Duration timeout) throws InterruptedException;

    /** First failure reasons, for the log. */
    String failures();

    /** Length of the last text frame after the hello frames. */
    int lastTextLength();

    int reconnects();

    @Override
    void close();

    static ClientFleet create(String kind, String name, java.util.List<Spec> specs) {
        return kind.equals("nio") ? new NioFleet(name, specs) : new WsFleet(name, specs);
    }
}
