package com.chirpchat.domain.user;

import java.util.Objects;
import java.util.UUID;

import com.chirpchat.domain.common.Ids;

/** Identity of a user account. */
public record UserId(UUID value) {
    public UserId {
        Objects.requireNonNull(value, "value");
    }

    public static UserId parse(String value) {
        return new UserId(Ids.parse("userId", value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
