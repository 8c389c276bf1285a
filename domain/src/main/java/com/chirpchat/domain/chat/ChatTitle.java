package com.chirpchat.domain.chat;

import com.chirpchat.domain.common.NameText;

/** A chat's title: 1 to 200 characters, on one line, trimmed, NFC, and visible as what it is ({@link NameText}). */
public record ChatTitle(String value) {
    public static final int MAX_LENGTH = 200;

    public ChatTitle {
        value = NameText.require("title", value, MAX_LENGTH);
    }

    /** A title as stored, perhaps before today's rule: never refused ({@link NameText#lenient}). */
    public static ChatTitle stored(String value) {
        return new ChatTitle(NameText.lenient("title", value, MAX_LENGTH, "(untitled)"));
    }

    @Override
    public String toString() {
        return value;
    }
}
