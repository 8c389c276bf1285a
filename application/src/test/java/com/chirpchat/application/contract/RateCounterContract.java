package com.chirpchat.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import com.chirpchat.application.limits.RateCounterPort;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every rate counter does; run per adapter. Keys are unique per test so a shared store needs no cleanup. */
public abstract class RateCounterContract {
    protected static final Duration TTL = Duration.ofMinutes(5);
    protected RateCounterPort counters;

    protected abstract RateCounterPort counters();

    @BeforeEach
    void open() {
        counters = counters();
    }

    protected static String key(String name) {
        return name + ":" + UUID.randomUUID();
    }

    @Test
    void addingReturnsTheWindowsTotalAndCountsReadBothWindows() {
        String key = key("add");
        assertThat(counters.counts(key, 7)).isEqualTo(new RateCounterPort.Counts(0, 0));
        assertThat(counters.add(key, 6, 2, TTL)).isEqualTo(2);
        assertThat(counters.add(key, 7, 1, TTL)).isEqualTo(1);
        assertThat(counters.add(key, 7, 4, TTL)).isEqualTo(5);
        assertThat(counters.add(key, 7, -1, TTL)).as("given back").isEqualTo(4);
        assertThat(counters.counts(key, 7)).isEqualTo(new RateCounterPort.Counts(2, 4));
        assertThat(counters.counts(key, 8)).isEqualTo(new RateCounterPort.Counts(4, 0));
        assertThat(counters.counts(key("other"), 7)).isEqualTo(new RateCounterPort.Counts(0, 0));
    }

    @Test
    void clearingForgetsBothWindowsOfOneKeyOnly() {
        String key = key("clear");
        String other = key("kept");
        counters.add(key, 3, 2, TTL);
        counters.add(key, 4, 3, TTL);
        counters.add(other, 4, 1, TTL);
        counters.clear(key, 4);
        assertThat(counters.counts(key, 4)).isEqualTo(new RateCounterPort.Counts(0, 0));
        assertThat(counters.counts(other, 4)).isEqualTo(new RateCounterPort.Counts(0, 1));
    }

    @Test
    void concurrentAddsAreNeverLost() throws Exception {
        String key = key("race");
        int threads = 8;
        int each = 200;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        java.util.List<Thread> workers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        counters.add(key, 1, 1, TTL);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread worker : workers) {
            assertThat(worker.join(Duration.ofSeconds(60))).isTrue();
        }
        assertThat(counters.counts(key, 1).current()).isEqualTo((long) threads * each);
    }
}
