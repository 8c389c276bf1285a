package com.chirpchat.application.message;

import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;

/** Deletes a message, leaving a tombstone. Deleting a deleted message again changes nothing. */
public interface DeleteMessageUseCase {
    /**
     * @throws com.chirpchat.application.common.UseCaseException NOT_FOUND
     * @throws com.chirpchat.domain.common.RuleViolationException NOT_A_MEMBER, FORBIDDEN
     */
    void delete(UserId actor, MessageId messageId);
}
