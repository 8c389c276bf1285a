package com.chirpchat.application.media;

import java.util.Objects;

import com.chirpchat.domain.media.ResourceType;

/** An asset to delete; {@code attempts} counts this one. */
public record MediaDeletionTask(long id, String assetKey, ResourceType type, int attempts) {
    public MediaDeletionTask {
        Objects.requireNonNull(assetKey, "assetKey");
        Objects.requireNonNull(type, "type");
    }
}
