package com.chirpchat.application.event;

import java.util.Objects;

import com.chirpchat.domain.chat.ChatId;

/** A chat a user belongs to, and its newest sequence number at the time of reading. */
public record ChatPosition(ChatId chatId, long lastSeq) {
    public ChatPosition {
        Objects.requireNonNull(chatId, "chatId");
    }
}
