package com.chirpchat.domain.user;

import com.chirpchat.domain.common.InvalidValueException;
import com.chirpchat.domain.common.Text;

/** The name other people see: 1 to 64 characters, not blank, no control characters, trimmed. */
public record DisplayName(String value) {
    public static final int MAX_LENGTH = 64;

    public DisplayName {
        value = Text.require("displayName", value, MAX_LENGTH).strip();
        if (Text.hasControlCharacters(value) || value.contains("\n") || value.contains("\r") || value.contains("\t")) {
            throw new InvalidValueException("displayName", "must not contain control characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
