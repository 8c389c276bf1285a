package com.chirpchat.bench;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The receiving side of one step. Every message's text is a marker {@code bm<step>_<index>_<intended>} where
 * {@code intended} is the message's intended send time (System.nanoTime of this JVM, relative to {@link #EPOCH});
 * a receiver finds the marker in the frame without parsing the JSON, and records receipt time − intended send
 * time. Messages {@code 0..warm-1} are the step's warm-up: counted, not recorded.
 */
final class StepMeter {
    /** Origin of the times written into markers, so they are never negative. */
    static final long EPOCH = System.nanoTime();

    final int step;
    final int warm;
    final int total;
    /** Deliveries expected for each message (members connected when the step began); 0 when its send failed. */
    final int[] expected;
    private final AtomicIntegerArray counts;
    private final Recorder recorder = new Recorder(3);
    private final LongAdder measuredDeliveries = new LongAdder();
    private final LongAdder allDeliveries = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final long overloadMicros;
    private volatile boolean overload;
    private volatile long lastFrameNanos = System.nanoTime();

    StepMeter(int step, int warm, int total, int[] expected, long overloadMicros) {
        this.step = step;
        this.warm = warm;
        this.total = total;
        this.expected = expected;
        this.counts = new AtomicIntegerArray(total);
        this.overloadMicros = overloadMicros;
    }

    static String marker(int step, int index, long intendedNanos) {
        return "bm" + step + "_" + index + "_" + (intendedNanos - EPOCH);
    }

    /** One received frame (or Redis message); {@code now} is System.nanoTime() taken first thing on receipt. */
    void onFrame(CharSequence s, long now) {
        lastFrameNanos = now;
        int n = s.length();
        int i = 0;
        while (i + 2 < n && !(s.charAt(i) == '"' && s.charAt(i + 1) == 'b' && s.charAt(i + 2) == 'm')) {
            i++;
        }
        if (i + 2 >= n) {
            // Redis messages are the bare marker, without the quote
            if (n > 2 && s.charAt(0) == 'b' && s.charAt(1) == 'm') {
                i = -1;
            } else {
                return; // hello, pong, other events
            }
        }
        i += 3;
        long stepNo = 0;
        char c;
        while (i < n && (c = s.charAt(i)) != '_') {
            stepNo = stepNo * 10 + (c - '0');
            i++;
        }
        i++;
        int index = 0;
        while (i < n && (c = s.charAt(i)) != '_') {
            index = index * 10 + (c - '0');
            i++;
        }
        i++;
        long intended = 0;
        while (i < n && (c = s.charAt(i)) >= '0' && c <= '9') {
            intended = intended * 10 + (c - '0');
            i++;
        }
        record(stepNo, index, intended, now);
    }

    /** The same for a frame's raw UTF-8 bytes (the marker is ASCII): no decoding at all. */
    void onFrame(byte[] b, int off, int len, long now) {
        lastFrameNanos = now;
        int n = off + len;
        int i = off;
        while (i + 2 < n && !(b[i] == '"' && b[i + 1] == 'b' && b[i + 2] == 'm')) {
            i++;
        }
        if (i + 2 >= n) {
            return;
        }
        i += 3;
        long stepNo = 0;
        byte c;
        while (i < n && (c = b[i]) != '_') {
            stepNo = stepNo * 10 + (c - '0');
            i++;
        }
        i++;
        int index = 0;
        while (i < n && (c = b[i]) != '_') {
            index = index * 10 + (c - '0');
            i++;
        }
        i++;
        long intended = 0;
        while (i < n && (c = b[i]) >= '0' && c <= '9') {
            intended = intended * 10 + (c - '0');
            i++;
        }
        record(stepNo, index, intended, now);
    }

    private void record(long stepNo, int index, long intended, long now) {
        if (stepNo != step || index < 0 || index >= total) {
            stale.increment();
            return;
        }
        counts.incrementAndGet(index);
        allDeliveries.increment();
        long micros = Math.max(0, (now - EPOCH - intended) / 1000);
        if (micros > overloadMicros) {
            overload = true;
        }
        if (index >= warm) {
            recorder.recordValue(micros);
            measuredDeliveries.increment();
        }
    }

    boolean overloaded() {
        return overload;
    }

    long measuredDeliveries() {
        return measuredDeliveries.sum();
    }

    long allDeliveries() {
        return allDeliveries.sum();
    }

    long staleFrames() {
        return stale.sum();
    }

    long lastFrameNanos() {
        return lastFrameNanos;
    }

    long expectedMeasured() {
        long sum = 0;
        for (int i = warm; i < total; i++) {
            sum += expected[i];
        }
        return sum;
    }

    /** [missing, duplicated] deliveries of the measured messages that were sent successfully. */
    long[] missingAndDuplicated() {
        long missing = 0;
        long dup = 0;
        for (int i = warm; i < total; i++) {
            int got = counts.get(i);
            if (got < expected[i]) {
                missing += expected[i] - got;
            } else if (got > expected[i]) {
                dup += got - expected[i];
            }
        }
        return new long[] {missing, dup};
    }

    /** Latencies (µs) recorded so far; call once, at the end. */
    Histogram histogram() {
        return recorder.getIntervalHistogram();
    }
}
