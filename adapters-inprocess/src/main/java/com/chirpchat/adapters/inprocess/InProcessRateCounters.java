package com.chirpchat.adapters.inprocess;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.chirpchat.application.limits.RateCounterPort;

/**
 * The rate counters of a single instance (the zero-setup default): a map bounded to {@code maxCounters} entries,
 * the least recently used forgotten first, so a flood of distinct keys (addresses, usernames) costs bounded memory.
 * Windows come from the application's clock; old windows simply fall out of use and then out of the map.
 */
public final class InProcessRateCounters implements RateCounterPort {
    private final Map<String, Long> counts;

    public InProcessRateCounters(int maxCounters) {
        if (maxCounters < 16) {
            throw new IllegalArgumentException("maxCounters must be at least 16");
        }
        this.counts = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > maxCounters;
            }
        };
    }

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
