package com.chirpchat.application.account;

import java.util.List;

import com.chirpchat.domain.user.User;
import com.chirpchat.domain.user.UserId;

/** Looks up accounts: one's own, and others by exact username (to find people to add to a chat). */
public interface ViewUsersUseCase {
    User me(UserId caller);

    /** The user with exactly this username, as a list of zero or one. */
    List<User> byUsername(String username);
}
