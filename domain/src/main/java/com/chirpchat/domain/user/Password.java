package com.chirpchat.domain.user;

import com.chirpchat.domain.common.InvalidValueException;
import com.chirpchat.domain.common.Text;

/**
 * A password as typed, before hashing: 8 to 128 characters. Never stored or logged; {@link #toString()}
 * hides it so it cannot leak through a log line.
 */
public final class Password {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private final String value;

    public Password(String value) {
        if (value == null) {
            throw new InvalidValueException("password", "is required");
        }
        int length = Text.length(value);
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new InvalidValueException("password", "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        this.value = value;
    }

    /** The clear text, for the password hasher only. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Password[hidden]";
    }
}
