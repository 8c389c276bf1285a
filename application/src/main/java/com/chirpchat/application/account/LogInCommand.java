package com.chirpchat.application.account;

import com.chirpchat.application.common.UseCaseException;

/** Username and password as typed. Only presence is checked here: a malformed name simply matches nobody. */
public record LogInCommand(String username, String password) {
    public LogInCommand {
        if (username == null || username.isEmpty()) {
            throw UseCaseException.invalid("username: is required");
        }
        if (password == null || password.isEmpty()) {
            throw UseCaseException.invalid("password: is required");
        }
    }

    @Override
    public String toString() {
        return "LogInCommand[username=" + username + ", password=hidden]";
    }
}
