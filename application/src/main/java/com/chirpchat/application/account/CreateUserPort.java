package com.chirpchat.application.account;

import java.time.Instant;

import com.chirpchat.domain.user.User;

/** Stores new accounts. */
public interface CreateUserPort {
    /**
     * Stores the user with their password hash.
     *
     * @return false when the username is already taken (nothing is stored then)
     */
    boolean create(User user, String passwordHash, Instant createdAt);
}
