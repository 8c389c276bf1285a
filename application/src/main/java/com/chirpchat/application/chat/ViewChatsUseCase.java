package com.chirpchat.application.chat;

import java.util.List;

import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.user.UserId;

/** Shows a user their chats. */
public interface ViewChatsUseCase {
    List<Chat> chatsOf(UserId caller);

    /** @throws com.chirpchat.application.common.UseCaseException NOT_FOUND, NOT_A_MEMBER */
    Chat chat(UserId caller, ChatId chatId);
}
