package com.chirpchat.emulator.transform;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One component of a chained transformation: its parameters, keyed by Cloudinary's short names
 * ({@code c}, {@code w}, {@code h}, {@code g}, {@code q}, {@code so}...), values normalised.
 *
 * @param params parameters of this component
 */
public record Step(Map<String, String> params) {

    public Step {
        params = Map.copyOf(params);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(params.get(key));
    }

    public boolean has(String key) {
        return params.containsKey(key);
    }

    /** @return this component in canonical form: parameters sorted by name */
    public String canonical() {
        return new TreeMap<>(params).entrySet().stream()
                .map(e -> e.getKey() + "_" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
