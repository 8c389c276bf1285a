package com.chirpchat.bench;

/** Whatever receives the messages of a step: WebSocket clients, or the Redis subscriber of the baseline loop. */
interface Receivers {
    String name();

    /** Receipts go to this meter from now on. */
    void meter(StepMeter meter);

    long lastFrameNanos();

    int closedByServer();

    /** Reconnects receivers the server closed; returns how many. */
    int reconnectClosed() throws InterruptedException;

    /** Whether receiver (user) {@code i} is connected. */
    boolean isOpen(int i);
}
