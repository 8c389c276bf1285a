package com.chirpchat.emulator.transform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A parsed transformation: chained steps plus an output format.
 *
 * @param steps      chained components, in order
 * @param format     output format ({@code jpg}, {@code m3u8}...), empty to keep the original's format
 * @param requested  the string as the client wrote it (echoed back in eager results)
 */
public record Transformation(List<Step> steps, String format, String requested) {

    public Transformation {
        steps = List.copyOf(steps);
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(requested, "requested");
    }

    /** @return the steps in canonical form, joined by {@code /}; "" for a format-only transformation */
    public String canonical() {
        return steps.stream().map(Step::canonical).filter(s -> !s.isEmpty()).collect(Collectors.joining("/"));
    }

    public boolean isEmpty() {
        return canonical().isEmpty();
    }

    /** @return the value of a parameter, the last component that sets it winning */
    public Optional<String> param(String key) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            Optional<String> v = steps.get(i).get(key);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    /** @return every parameter of the chain in one step, later components winning (for single-pass pipelines) */
    public Step flattened() {
        java.util.Map<String, String> all = new java.util.HashMap<>();
        for (Step s : steps) {
            all.putAll(s.params());
        }
        return new Step(all);
    }

    public boolean hasFlag(String flag) {
        return steps.stream().anyMatch(s -> s.get("fl").map(f -> List.of(f.split("\\.")).contains(flag)).orElse(false));
    }

    public boolean hasEffect(String effect) {
        return steps.stream().anyMatch(s -> s.get("e").map(e -> e.equals(effect) || e.startsWith(effect + ":")).orElse(false));
    }

    /** @return the format to produce, given the original's format */
    public String outputFormat(String originalFormat) {
        if (!format.isEmpty()) {
            return format;
        }
        return param("f").filter(f -> !"auto".equals(f)).orElse(originalFormat);
    }

    /** @return a stable folder name for the derived file of this transformation in the given format */
    public String derivedKey(String outputFormat) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-1")
                    .digest((canonical() + "|" + outputFormat).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
