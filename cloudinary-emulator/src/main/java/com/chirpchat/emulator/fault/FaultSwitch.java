package com.chirpchat.emulator.fault;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Failures switched on deliberately, for retry tests. Everything is off by default. Counters count down: a
 * positive value fails that many requests and then recovers; {@link #FOREVER} fails until reset.
 */
public final class FaultSwitch {

    /** Counter value meaning "fail every time until switched off". */
    public static final int FOREVER = -1;
    /** Longest stall that may be configured, so a forgotten switch cannot hang a test suite forever. */
    public static final Duration MAX_STALL = Duration.ofMinutes(10);

    /** Which requests a stall applies to. */
    public enum Scope { UPLOAD, DESTROY, DELIVERY, DOWNLOAD, ADMIN }

    /** What happens to webhook notifications. */
    public enum NotificationMode {
        /** sent normally */
        DELIVER,
        /** kept back (persisted) until the mode returns to DELIVER */
        WITHHOLD,
        /** discarded without being sent */
        DROP,
        /** sent with a wrong {@code X-Cld-Signature} */
        BAD_SIGNATURE
    }

    private final AtomicInteger uploadFailures = new AtomicInteger();
    private final AtomicInteger destroyFailures = new AtomicInteger();
    private final AtomicInteger processingFailures = new AtomicInteger();
    private final Map<Scope, Duration> stalls = new EnumMap<>(Scope.class);
    private final AtomicReference<NotificationMode> notificationMode = new AtomicReference<>(NotificationMode.DELIVER);
    private final List<Runnable> notificationListeners = new CopyOnWriteArrayList<>();

    public void failUploads(int times) {
        uploadFailures.set(checkCount(times));
    }

    public void failDestroy(int times) {
        destroyFailures.set(checkCount(times));
    }

    public void failProcessing(int times) {
        processingFailures.set(checkCount(times));
    }

    public synchronized void stall(Scope scope, Duration duration) {
        if (duration.isNegative() || duration.compareTo(MAX_STALL) > 0) {
            throw new IllegalArgumentException("stall must be between 0 and " + MAX_STALL + ", was " + duration);
        }
        if (duration.isZero()) {
            stalls.remove(scope);
        } else {
            stalls.put(scope, duration);
        }
    }

    public synchronized Duration stallOf(Scope scope) {
        return stalls.getOrDefault(scope, Duration.ZERO);
    }

    public void notifications(NotificationMode mode) {
        NotificationMode previous = notificationMode.getAndSet(mode);
        if (previous != mode) {
            notificationListeners.forEach(Runnable::run);
        }
    }

    public NotificationMode notificationMode() {
        return notificationMode.get();
    }

    /** Called whenever the notification mode changes (the notifier releases withheld notifications). */
    public void onNotificationModeChange(Runnable listener) {
        notificationListeners.add(listener);
    }

    public boolean takeUploadFailure() {
        return take(uploadFailures);
    }

    public boolean takeDestroyFailure() {
        return take(destroyFailures);
    }

    public boolean takeProcessingFailure() {
        return take(processingFailures);
    }

    /** Sleeps for the stall configured for the scope, if any. */
    public void stallIfConfigured(Scope scope) {
        Duration d = stallOf(scope);
        if (!d.isZero()) {
            try {
                Thread.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void reset() {
        uploadFailures.set(0);
        destroyFailures.set(0);
        processingFailures.set(0);
        synchronized (this) {
            stalls.clear();
        }
        notifications(NotificationMode.DELIVER);
    }

    /** @return the current state, in the JSON shape of {@code GET /_emulator/faults} */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("upload_failures", uploadFailures.get());
        out.put("destroy_failures", destroyFailures.get());
        out.put("processing_failures", processingFailures.get());
        Map<String, Long> stallMs = new LinkedHashMap<>();
        stalls.forEach((scope, d) -> stallMs.put(scope.name().toLowerCase(Locale.ROOT), d.toMillis()));
        out.put("stall_ms", stallMs);
        out.put("notifications", notificationMode.get().name().toLowerCase(Locale.ROOT));
        return out;
    }

    private static boolean take(AtomicInteger counter) {
        while (true) {
            int v = counter.get();
            if (v == 0) {
                return false;
            }
            if (v < 0) {
                return true;
            }
            if (counter.compareAndSet(v, v - 1)) {
                return true;
            }
        }
    }

    private static int checkCount(int times) {
        if (times < FOREVER) {
            throw new IllegalArgumentException("fault count must be >= -1 (-1 = until reset), was " + times);
        }
        return times;
    }
}
