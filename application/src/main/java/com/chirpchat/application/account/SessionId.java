package com.chirpchat.application.account;

import java.util.Objects;
import java.util.UUID;

/** A login session: what an access token's {@code sid} names, and what logout ends. */
public record SessionId(UUID value) {
    public SessionId {
        Objects.requireNonNull(value, "value");
    }

    public static SessionId parse(String text) {
        return new SessionId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
