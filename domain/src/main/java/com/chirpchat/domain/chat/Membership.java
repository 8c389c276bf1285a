package com.chirpchat.domain.chat;

import java.util.Objects;

import com.chirpchat.domain.user.UserId;

/** A user's place in a chat. */
public record Membership(UserId userId, Role role) {
    public Membership {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }
}
