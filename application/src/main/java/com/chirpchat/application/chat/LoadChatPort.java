package com.chirpchat.application.chat;

import java.util.List;
import java.util.Optional;

import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.user.UserId;

/** Reads chats with their members. */
public interface LoadChatPort {
    Optional<Chat> chat(ChatId id);

    /** The chats the user belongs to, most recently active first. */
    List<Chat> chatsOf(UserId userId);
}
