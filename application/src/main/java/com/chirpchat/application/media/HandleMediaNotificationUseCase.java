package com.chirpchat.application.media;

/**
 * Applies a notification from the media store: the upload arrived, processing settled, or it failed. Each media
 * message emits {@code media_processed} or {@code media_failed} exactly once, however often or in whatever order
 * notifications arrive.
 */
public interface HandleMediaNotificationUseCase {
    /** @throws com.chirpchat.application.common.UseCaseException INVALID_SIGNATURE, STALE_REQUEST (nothing changes) */
    NotificationOutcome handle(RawNotification notification);
}
