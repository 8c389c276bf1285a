package com.chirpchat.application.media;

import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;

/** Gives a chat member short-lived URLs for a media message's original and variants. */
public interface ViewMediaUseCase {
    /** @throws com.chirpchat.application.common.UseCaseException NOT_FOUND (unknown, deleted, not media), NOT_A_MEMBER */
    MediaView media(UserId caller, MessageId messageId);
}
