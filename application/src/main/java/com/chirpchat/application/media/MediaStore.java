package com.chirpchat.application.media;

import java.time.Duration;

import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.ResourceType;

/** Where media files live and are processed (Cloudinary, or the local service that speaks its API). */
public interface MediaStore {
    /** Signs a direct upload from the client to the store. */
    SignedUpload signUpload(UploadSpec spec);

    /**
     * Verifies a notification the store sent (signature over the raw body, freshness) and reads it.
     *
     * @throws com.chirpchat.application.common.UseCaseException INVALID_SIGNATURE for a missing or wrong signature,
     *                                                          STALE_REQUEST for a timestamp outside the window,
     *                                                          VALIDATION_FAILED for a verified body that can't be read
     */
    MediaNotification readNotification(RawNotification notification);

    /** URLs for the asset's original and variants that stop working after {@code lifetime}. */
    MediaLinks links(MediaAsset asset, Duration lifetime);

    /**
     * Deletes the asset with all its variants and invalidates cached copies. Succeeds when the asset is gone,
     * including when it never existed.
     *
     * @throws MediaStoreException when the store refused or could not be reached (try again later)
     */
    void destroy(String assetKey, ResourceType type);

    /** Whether the store answers right now (for readiness). */
    boolean reachable();
}
