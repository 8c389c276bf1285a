package com.chirpchat.application.fakes;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.chirpchat.application.limits.RateCounterPort;

/** Rate counters in a map, never forgetting by themselves: the test's clock decides the windows. */
public final class MemoryRateCounters implements RateCounterPort {
    private final Map<String, Long> counts = new HashMap<>();

    @Override
    public synchronized long add(String key, long window, long amount, Duration ttl) {
        return counts.merge(key + "#" + window, amount, Long::sum);
    }

    @Override
    public synchronized Counts counts(String key, long window) {
        return new Counts(counts.getOrDefault(key + "#" + (window - 1), 0L), counts.getOrDefault(key + "#" + window, 0L));
    }

    @Override
    public synchronized void clear(String key, long window) {
        counts.remove(key + "#" + (window - 1));
        counts.remove(key + "#" + window);
    }
}
