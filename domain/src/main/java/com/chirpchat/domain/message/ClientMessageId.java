package com.chirpchat.domain.message;

import java.util.regex.Pattern;

import com.chirpchat.domain.common.InvalidValueException;

/**
 * A client's own id for a message it sends, so that a retried send is recognised: 1 to 64 visible ASCII
 * characters (a UUID fits).
 */
public record ClientMessageId(String value) {
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{1,64}");

    public ClientMessageId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidValueException("clientMessageId", "must be 1 to 64 visible ASCII characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
