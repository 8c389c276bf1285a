package com.chirpchat.domain.user;

import java.util.Objects;

/** A person with an account. */
public record User(UserId id, Username username, DisplayName displayName) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
    }
}
