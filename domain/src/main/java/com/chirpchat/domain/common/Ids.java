package com.chirpchat.domain.common;

import java.util.UUID;

/** Parsing of the UUID strings that identify users, chats and messages. */
public final class Ids {
    private Ids() {
    }

    public static UUID parse(String field, String value) {
        if (value == null || value.length() != 36) {
            throw new InvalidValueException(field, "must be a UUID");
        }
        try {
            UUID uuid = UUID.fromString(value);
            // UUID.fromString accepts odd spellings; only the canonical form identifies something
            if (!uuid.toString().equalsIgnoreCase(value)) {
                throw new InvalidValueException(field, "must be a UUID");
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, "must be a UUID");
        }
    }
}
