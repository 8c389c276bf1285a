package com.chirpchat.application.event;

import java.util.Objects;

import com.chirpchat.domain.chat.ChatId;

/**
 * A chat a user belongs to: its newest sequence number at the time of reading, and the seq of the
 * {@code member_added} event that made the user a member (where their part of the chat's events begins).
 */
public record ChatPosition(ChatId chatId, long lastSeq, long joinedSeq) {
    public ChatPosition {
        Objects.requireNonNull(chatId, "chatId");
        if (joinedSeq > lastSeq) {
            throw new IllegalArgumentException("joined at " + joinedSeq + " after the chat's last seq " + lastSeq);
        }
    }
}
