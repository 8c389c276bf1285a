package com.chirpchat.adapters.persistence.db;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Named statement parameters, converted to what both drivers bind the same way. UUIDs travel as strings
 * (Helidon binds them with {@code setString}), so statements write {@code CAST(:id AS UUID)}; instants travel
 * as UTC {@link OffsetDateTime}, which both drivers store into {@code TIMESTAMP WITH TIME ZONE} exactly.
 * Null values are allowed: they are SQL NULL.
 */
public final class Params {
    private final Map<String, Object> values = new HashMap<>();

    private Params() {
    }

    public static Params none() {
        return new Params();
    }

    public static Params of(String name, Object value) {
        return new Params().and(name, value);
    }

    public Params and(String name, Object value) {
        values.put(name, bindable(value));
        return this;
    }

    /** Adds every parameter of {@code other}, each name with {@code suffix} appended (values already converted). */
    public Params andAll(Params other, String suffix) {
        other.values.forEach((name, value) -> values.put(name + suffix, value));
        return this;
    }

    Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    private static Object bindable(Object value) {
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        if (value instanceof Instant instant) {
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        return value;
    }
}
