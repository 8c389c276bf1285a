package com.chirpchat.application.message;

import java.util.OptionalInt;
import java.util.OptionalLong;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.user.UserId;

/** Pages through a chat's history, newest first. */
public interface ListMessagesUseCase {
    int DEFAULT_LIMIT = 50;
    int MAX_LIMIT = 200;

    MessagePage messages(UserId caller, ChatId chatId, OptionalLong beforeSeq, OptionalInt limit);
}
