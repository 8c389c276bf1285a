package com.chirpchat.domain.user;

import java.util.regex.Pattern;

import com.chirpchat.domain.common.InvalidValueException;

/** The unique login name: 3 to 32 of lower-case letters, digits, '_', '.' and '-'. */
public record Username(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9_.-]{3,32}");

    public Username {
        if (value == null) {
            throw new InvalidValueException("username", "is required");
        }
        if (!VALID.matcher(value).matches()) {
            throw new InvalidValueException("username", "must be 3 to 32 of a-z, 0-9, '_', '.', '-'");
        }
    }

    /** True when {@code value} would make a valid username. */
    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
