package com.chirpchat.domain.chat;

import java.util.Objects;
import java.util.UUID;

import com.chirpchat.domain.common.Ids;

/** Identity of a chat. */
public record ChatId(UUID value) {
    public ChatId {
        Objects.requireNonNull(value, "value");
    }

    public static ChatId parse(String value) {
        return new ChatId(Ids.parse("chatId", value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
