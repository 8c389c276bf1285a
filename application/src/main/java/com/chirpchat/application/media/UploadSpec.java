package com.chirpchat.application.media;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.chirpchat.domain.media.ResourceType;

/**
 * What an upload may be: stored as {@code folder/name} (the asset key), of this type, in one of these formats,
 * at most this big.
 */
public record UploadSpec(String folder, String name, ResourceType type, Set<String> allowedFormats, long maxBytes,
                         Optional<String> fileName) {
    public UploadSpec {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        allowedFormats = Set.copyOf(allowedFormats);
        Objects.requireNonNull(fileName, "fileName");
    }

    public UploadSpec(String folder, String name, ResourceType type, Set<String> allowedFormats, long maxBytes) {
        this(folder, name, type, allowedFormats, maxBytes, Optional.empty());
    }

    public String assetKey() {
        return folder + "/" + name;
    }
}
