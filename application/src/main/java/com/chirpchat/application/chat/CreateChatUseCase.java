package com.chirpchat.application.chat;

import com.chirpchat.domain.chat.Chat;

/** Starts a chat. */
public interface CreateChatUseCase {
    /** @throws com.chirpchat.application.common.UseCaseException VALIDATION_FAILED when a listed user does not exist */
    Chat create(CreateChatCommand command);
}
