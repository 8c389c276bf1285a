package com.chirpchat.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntToDoubleFunction;

/**
 * An open-loop sender: message {@code i} is due at {@code t0 + i / rate} whatever happened to the messages before
 * it, and carries that intended time in its text, so a slow server shows up as latency instead of as a lower send
 * rate (no coordinated omission). Sends are asynchronous with at most {@code maxInFlight} outstanding; a send
 * dispatched more than {@code lateMillis} after its intended time counts as behind schedule.
 */
final class OpenLoop {
    /** Sends message {@code index} with {@code text}; completes with true when the server accepted it. */
    interface Sender {
        CompletableFuture<Boolean> send(int index, String text);
    }

    record Outcome(int dispatched, int errors, int behind, int measuredBehind, double maxLateMillis,
                   String aborted, String firstError, long measureStartNanos) {
    }

    private OpenLoop() {
    }

    /**
     * Sends {@code meter.total} messages at {@code rate}. {@code expectedFor} gives each message's expected deliveries
     * (written into the meter when the message is dispatched). {@code atMeasureStart} runs just before the first
     * recorded message is due. Stops early (aborted) when the receivers see an overload or the sender falls more than
     * a second behind; bounded by {@code maxSeconds} in any case.
     */
    static Outcome run(StepMeter meter, double rate, Sender sender, IntToDoubleFunction expectedFor, int maxInFlight,
                       double lateMillis, double maxSeconds, Runnable atMeasureStart) throws InterruptedException {
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long period = (long) (1e9 / rate);
        long lateNanos = (long) (lateMillis * 1e6);
        long t0 = System.nanoTime() + 20_000_000L;
        long hardEnd = t0 + (long) (maxSeconds * 1e9);
        int behind = 0;
        int measuredBehind = 0;
        long maxLate = 0;
        int dispatched = 0;
        String aborted = null;
        long measureStart = 0;
        for (int i = 0; i < meter.total; i++) {
            long intended = t0 + i * period;
            if (i == meter.warm) {
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                atMeasureStart.run();
                measureStart = intended;
            }
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                long budget = Math.min(hardEnd, intended + 1_000_000_000L) - System.nanoTime();
                if (budget <= 0 || !inFlight.tryAcquire(budget, TimeUnit.NANOSECONDS)) {
                    aborted = "sender more than 1 s behind schedule (" + maxInFlight + " requests in flight)";
                    break;
                }
            }
            long late = System.nanoTime() - intended;
            if (late > lateNanos) {
                behind++;
                if (i >= meter.warm) {
                    measuredBehind++;
                }
            }
            maxLate = Math.max(maxLate, late);
            final int index = i;
            meter.expected[index] = (int) expectedFor.applyAsDouble(index);
            dispatched++;
            CompletableFuture<Boolean> sent;
            try {
                sent = sender.send(index, StepMeter.marker(meter.step, index, intended));
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((ok, e) -> {
                inFlight.release();
                if (e != null || !Boolean.TRUE.equals(ok)) {
                    meter.expected[index] = 0;
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e != null ? e.toString() : "rejected");
                }
            });
            if (meter.overloaded()) {
                aborted = "deliveries over " + (meterOverloadSeconds()) + " late";
                break;
            }
            if (System.nanoTime() > hardEnd) {
                aborted = "step time bound reached";
                break;
            }
        }
        // wait (bounded) for the answers of what is still in flight
        inFlight.tryAcquire(maxInFlight, 10, TimeUnit.SECONDS);
        return new Outcome(dispatched, errors.get(), behind, measuredBehind, maxLate / 1e6, aborted, firstError.get(),
                           measureStart);
    }

    private static String meterOverloadSeconds() {
        return "2 s";
    }
}
