package com.chirpchat.application.chat;

import java.util.Objects;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.user.UserId;

/** {@code actor} adds {@code userId} to the chat with {@code role} (member when not given). */
public record AddMemberCommand(UserId actor, ChatId chatId, UserId userId, Role role) {
    public AddMemberCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }
}
