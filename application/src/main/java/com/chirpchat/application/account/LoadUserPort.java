package com.chirpchat.application.account;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import com.chirpchat.domain.user.User;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.domain.user.Username;

/** Reads user accounts. */
public interface LoadUserPort {
    Optional<User> byId(UserId id);

    Optional<User> byUsername(Username username);

    /** The account with its password hash, for logging in. */
    Optional<Credentials> credentials(Username username);

    /** Which of the given ids belong to existing users. */
    Set<UserId> existing(Collection<UserId> ids);

    /** A user together with the hash of their password. */
    record Credentials(User user, String passwordHash) {
    }
}
