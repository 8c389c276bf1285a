package com.chirpchat.application.media;

import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;

/** The uploader tells us the media store refused their direct upload: the media fails now ({@code media_failed}). */
public interface ReportUploadFailureUseCase {
    /**
     * @param reason the store's error message, as the client received it
     * @return the media message, failed
     */
    Message report(UserId uploader, MessageId messageId, String reason);
}
