package com.chirpchat.application.account;

import java.util.List;

import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.domain.user.User;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.domain.user.Username;

public final class ViewUsersService implements ViewUsersUseCase {
    private final LoadUserPort users;

    public ViewUsersService(LoadUserPort users) {
        this.users = users;
    }

    @Override
    public User me(UserId caller) {
        return users.byId(caller).orElseThrow(() -> UseCaseException.unauthenticated("your account no longer exists"));
    }

    @Override
    public List<User> byUsername(String username) {
        if (username == null || username.isEmpty()) {
            throw UseCaseException.invalid("username: the query parameter is required");
        }
        if (!Username.isValid(username)) {
            return List.of(); // no account can have this name
        }
        return users.byUsername(new Username(username)).stream().toList();
    }
}
