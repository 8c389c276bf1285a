package com.chirpchat.emulator;

import com.chirpchat.emulator.fault.FaultSwitch;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The runtime fault switch: makes the emulator fail or stall on purpose, for the backend's retry tests.
 * Everything is off by default. The same switch is reachable over HTTP (loopback only) at
 * {@code /_emulator/faults} and from the {@code faults} configuration node.
 */
public final class Faults {

    /** Counter value meaning "fail until {@link #reset()}". */
    public static final int UNTIL_RESET = FaultSwitch.FOREVER;

    /** Which requests a stall delays. */
    public enum Stall { UPLOAD, DESTROY, DELIVERY, DOWNLOAD, ADMIN }

    /** What happens to webhook notifications. */
    public enum Notifications {
        /** sent normally (default) */
        DELIVER,
        /** held back (and kept across restarts) until switched back to {@code DELIVER}, then sent */
        WITHHOLD,
        /** thrown away */
        DROP,
        /** sent with a wrong {@code X-Cld-Signature} */
        BAD_SIGNATURE
    }

    private final FaultSwitch delegate;

    Faults(FaultSwitch delegate) {
        this.delegate = delegate;
    }

    /** The next {@code times} upload requests (or every one, {@link #UNTIL_RESET}) answer 500. */
    public Faults failUploads(int times) {
        delegate.failUploads(times);
        return this;
    }

    /** The next {@code times} destroy and Admin-API delete requests answer 500, then it recovers. */
    public Faults failDestroy(int times) {
        delegate.failDestroy(times);
        return this;
    }

    /** The next {@code times} transformations fail (eager items get {@code status: "failed"}). */
    public Faults failProcessing(int times) {
        delegate.failProcessing(times);
        return this;
    }

    /** Requests of the given kind wait this long before being handled; {@link Duration#ZERO} switches it off. */
    public Faults stall(Stall what, Duration duration) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(duration, "duration");
        delegate.stall(FaultSwitch.Scope.valueOf(what.name()), duration);
        return this;
    }

    public Faults notifications(Notifications mode) {
        Objects.requireNonNull(mode, "mode");
        delegate.notifications(FaultSwitch.NotificationMode.valueOf(mode.name()));
        return this;
    }

    /** Switches every fault off (and releases withheld notifications). */
    public Faults reset() {
        delegate.reset();
        return this;
    }

    /** @return the current state, as {@code GET /_emulator/faults} shows it */
    public Map<String, Object> state() {
        return delegate.snapshot();
    }
}
