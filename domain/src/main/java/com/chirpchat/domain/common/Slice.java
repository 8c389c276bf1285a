package com.chirpchat.domain.common;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The part of a larger mapping that a decision was given: every key that was looked up, each with its value or
 * with none. Asking for a key that was never looked up is a programming error (the decision was given too little),
 * not an answer, so it throws instead of pretending the value is absent.
 */
public record Slice<K, V>(Set<K> keys, Map<K, V> values) {
    public Slice {
        keys = Set.copyOf(keys);
        values = Map.copyOf(values);
        if (!keys.containsAll(values.keySet())) {
            throw new IllegalArgumentException("every value needs its key among the keys looked up");
        }
    }

    public static <K, V> Slice<K, V> empty() {
        return new Slice<>(Set.of(), Map.of());
    }

    /** The keys looked up and the values found for some of them. */
    public static <K, V> Slice<K, V> of(Collection<K> looked, Map<K, V> found) {
        Set<K> keys = new HashSet<>(looked);
        keys.addAll(found.keySet());
        return new Slice<>(keys, found);
    }

    public boolean covers(K key) {
        return keys.contains(key);
    }

    /** The value of a key that was looked up; empty when there is none. */
    public Optional<V> get(K key) {
        if (!keys.contains(key)) {
            throw new IllegalStateException("the decision was not given " + key + "; add it to what the change concerns");
        }
        return Optional.ofNullable(values.get(key));
    }

    /** The same slice where {@code key} now has {@code value}. */
    public Slice<K, V> with(K key, V value) {
        Objects.requireNonNull(value, "value");
        Set<K> keys = new HashSet<>(this.keys);
        keys.add(key);
        Map<K, V> values = new HashMap<>(this.values);
        values.put(key, value);
        return new Slice<>(keys, values);
    }

    /** The same slice where {@code key} now has no value. */
    public Slice<K, V> without(K key) {
        Set<K> keys = new HashSet<>(this.keys);
        keys.add(key);
        Map<K, V> values = new HashMap<>(this.values);
        values.remove(key);
        return new Slice<>(keys, values);
    }
}
