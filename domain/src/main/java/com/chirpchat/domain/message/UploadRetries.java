package com.chirpchat.domain.message;

import com.chirpchat.domain.common.Decision;
import com.chirpchat.domain.common.Reason;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.media.ResourceType;

/**
 * When a repeated upload request (the same author and client message id) may sign the first request's message
 * again: it must be that same upload (a live media message of the same type), and its file must not have arrived
 * yet (then there is nothing left to sign).
 */
public final class UploadRetries {
    private UploadRetries() {
    }

    public static Decision mayRetry(Message earlier, ResourceType type) {
        boolean sameUpload = !earlier.deleted() && earlier.kind() == MessageKind.MEDIA
                && earlier.media().orElseThrow().resourceType() == type;
        if (!sameUpload) {
            return Decision.rejected(Reason.CONFLICT, "clientMessageId was already used for another message");
        }
        if (earlier.media().orElseThrow().status() != MediaStatus.UPLOADING) {
            return Decision.rejected(Reason.CONFLICT, "the upload for this message has already arrived");
        }
        return Decision.allowed();
    }
}
