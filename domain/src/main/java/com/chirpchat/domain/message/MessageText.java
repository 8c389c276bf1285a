package com.chirpchat.domain.message;

import com.chirpchat.domain.common.InvalidValueException;
import com.chirpchat.domain.common.Text;

/** A text message's body: 1 to 4000 characters (code points), not blank, kept exactly as written. */
public record MessageText(String value) {
    public static final int MAX_LENGTH = 4000;

    public MessageText {
        Text.require("text", value, MAX_LENGTH);
        if (Text.hasLoneSurrogate(value)) {
            throw new InvalidValueException("text", "must be valid Unicode text (it holds a lone surrogate)");
        }
        if (Text.hasControlCharacters(value)) {
            throw new InvalidValueException("text", "must not contain control characters other than tab and line breaks");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
