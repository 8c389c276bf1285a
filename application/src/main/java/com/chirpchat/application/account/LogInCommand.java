package com.chirpchat.application.account;

import java.util.Objects;

import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.limits.ClientAddress;

/**
 * Username and password as typed, and where they came from (for the throttle). Only presence is checked here: a
 * malformed name simply matches nobody.
 */
public record LogInCommand(String username, String password, ClientAddress from) {
    /** From an address nobody could tell. */
    public LogInCommand(String username, String password) {
        this(username, password, ClientAddress.UNKNOWN);
    }

    public LogInCommand {
        Objects.requireNonNull(from, "from");
        if (username == null || username.isEmpty()) {
            throw UseCaseException.invalid("username: is required");
        }
        if (password == null || password.isEmpty()) {
            throw UseCaseException.invalid("password: is required");
        }
    }

    @Override
    public String toString() {
        return "LogInCommand[username=" + username + ", password=hidden, from=" + from + "]";
    }
}
