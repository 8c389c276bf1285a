package com.chirpchat.domain.event;

import java.time.Instant;
import java.util.Objects;

import com.chirpchat.domain.chat.ChatId;

/**
 * A change visible to a chat's members. {@code seq} numbers a chat's events 1, 2, 3, ... without gaps, in the
 * order their changes committed.
 */
public record ChatEvent(ChatId chatId, long seq, Instant at, EventData data) {
    public ChatEvent {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(data, "data");
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
    }

    public ChatEventType type() {
        return data.type();
    }
}
