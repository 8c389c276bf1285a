package com.chirpchat.application.message;

/** Posts a text message to a chat. */
public interface PostMessageUseCase {
    /**
     * Repeating a {@code clientMessageId} (same author, same chat) returns the first message, never a duplicate.
     *
     * @throws com.chirpchat.application.common.UseCaseException NOT_FOUND (chat)
     * @throws com.chirpchat.domain.common.RuleViolationException NOT_A_MEMBER
     */
    PostedMessage post(PostMessageCommand command);
}
