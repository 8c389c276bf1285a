package com.chirpchat.domain.media;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.common.Decision;
import com.chirpchat.domain.common.Reason;

/**
 * The file behind a media message and its state. {@code assetKey} is the media store's name for the original
 * (chosen by us before the upload); {@code variants} names the processed versions that exist once ready.
 */
public record MediaAsset(MediaStatus status,
                         ResourceType resourceType,
                         String assetKey,
                         MediaFacts facts,
                         List<String> variants,
                         Optional<String> failureReason) {

    public MediaAsset {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(assetKey, "assetKey");
        Objects.requireNonNull(facts, "facts");
        variants = List.copyOf(variants);
        Objects.requireNonNull(failureReason, "failureReason");
        if ((status == MediaStatus.FAILED) != failureReason.isPresent()) {
            throw new IllegalArgumentException("a failure reason goes with the failed state, and only with it");
        }
    }

    /** A new asset, waiting for the client's upload. */
    public static MediaAsset uploading(ResourceType type, String assetKey) {
        return new MediaAsset(MediaStatus.UPLOADING, type, assetKey, MediaFacts.UNKNOWN, List.of(), Optional.empty());
    }

    /** Whether this asset may move to {@code next}; a repeated or late notification is a conflict, not an error. */
    public Decision mayMoveTo(MediaStatus next) {
        return status.mayMoveTo(next)
                ? Decision.allowed()
                : Decision.rejected(Reason.CONFLICT, "media is " + status.wireName() + " and cannot become " + next.wireName());
    }

    /** The file arrived and its variants are being made. */
    public MediaAsset processing(MediaFacts measured) {
        mayMoveTo(MediaStatus.PROCESSING).orThrow();
        return new MediaAsset(MediaStatus.PROCESSING, resourceType, assetKey, measured, List.of(), Optional.empty());
    }

    /** The file and all its variants are available. */
    public MediaAsset ready(MediaFacts measured, List<String> madeVariants) {
        mayMoveTo(MediaStatus.READY).orThrow();
        return new MediaAsset(MediaStatus.READY, resourceType, assetKey, measured, madeVariants, Optional.empty());
    }

    /** The upload or its processing failed for good. */
    public MediaAsset failed(String reason) {
        mayMoveTo(MediaStatus.FAILED).orThrow();
        return new MediaAsset(MediaStatus.FAILED, resourceType, assetKey, facts, List.of(), Optional.of(reason));
    }
}
