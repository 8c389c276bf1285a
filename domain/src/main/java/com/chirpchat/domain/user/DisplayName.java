package com.chirpchat.domain.user;

import com.chirpchat.domain.common.NameText;

/** The name other people see: 1 to 64 characters, trimmed, NFC, and visible as what it is ({@link NameText}). */
public record DisplayName(String value) {
    public static final int MAX_LENGTH = 64;

    public DisplayName {
        value = NameText.require("displayName", value, MAX_LENGTH);
    }

    /** A display name as stored, perhaps before today's rule: never refused ({@link NameText#lenient}). */
    public static DisplayName stored(String value) {
        return new DisplayName(NameText.lenient("displayName", value, MAX_LENGTH, "(no name)"));
    }

    @Override
    public String toString() {
        return value;
    }
}
