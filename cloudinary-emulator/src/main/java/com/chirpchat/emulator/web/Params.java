package com.chirpchat.emulator.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Request parameters as Cloudinary sees them: repeated {@code name[]} entries are one list-valued parameter
 * named {@code name}, and a list is signed as its values joined by commas.
 */
public final class Params {

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private UploadedFile file;

    public void add(String rawName, String value) {
        String name = rawName.endsWith("[]") ? rawName.substring(0, rawName.length() - 2) : rawName;
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    public void file(UploadedFile uploadedFile) {
        this.file = uploadedFile;
    }

    public Optional<UploadedFile> file() {
        return Optional.ofNullable(file);
    }

    /** @return the value, the comma-joined values of a list, or empty when absent or blank */
    public Optional<String> get(String name) {
        List<String> list = values.get(name);
        if (list == null || list.isEmpty()) {
            return Optional.empty();
        }
        String joined = String.join(",", list);
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }

    public String getOr(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    public List<String> all(String name) {
        return Collections.unmodifiableList(values.getOrDefault(name, List.of()));
    }

    public boolean flag(String name, boolean fallback) {
        return get(name).map(v -> "true".equalsIgnoreCase(v) || "1".equals(v)).orElse(fallback);
    }

    /** @return every non-empty parameter, lists comma-joined, in arrival order */
    public Map<String, String> flattened() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : values.keySet()) {
            get(name).ifPresent(v -> out.put(name, v));
        }
        return out;
    }
}
