package com.chirpchat.application.media;

import java.util.Objects;
import java.util.Set;

import com.chirpchat.domain.media.ResourceType;

/**
 * What an upload may be: stored as {@code folder/name} (the asset key), of this type, in one of these formats,
 * at most this big.
 */
public record UploadSpec(String folder, String name, ResourceType type, Set<String> allowedFormats, long maxBytes) {
    public UploadSpec {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        allowedFormats = Set.copyOf(allowedFormats);
    }

    public String assetKey() {
        return folder + "/" + name;
    }
}
