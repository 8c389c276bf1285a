package com.chirpchat.domain.chat;

import com.chirpchat.domain.common.InvalidValueException;
import com.chirpchat.domain.common.Text;

/** A chat's title: 1 to 200 characters, not blank, on one line, trimmed. */
public record ChatTitle(String value) {
    public static final int MAX_LENGTH = 200;

    public ChatTitle {
        value = Text.require("title", value, MAX_LENGTH).strip();
        if (Text.hasControlCharacters(value) || value.contains("\n") || value.contains("\r")) {
            throw new InvalidValueException("title", "must be a single line without control characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
