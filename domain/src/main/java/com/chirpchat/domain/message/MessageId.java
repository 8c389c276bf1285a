package com.chirpchat.domain.message;

import java.util.Objects;
import java.util.UUID;

import com.chirpchat.domain.common.Ids;

/** Identity of a message. */
public record MessageId(UUID value) {
    public MessageId {
        Objects.requireNonNull(value, "value");
    }

    public static MessageId parse(String value) {
        return new MessageId(Ids.parse("messageId", value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
