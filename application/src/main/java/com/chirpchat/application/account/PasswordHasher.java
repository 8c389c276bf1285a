package com.chirpchat.application.account;

import com.chirpchat.domain.user.Password;

/** One-way, salted, deliberately slow password hashing. */
public interface PasswordHasher {
    String hash(Password password);

    /** True when the password matches the hash; false for a wrong password or an unreadable hash. */
    boolean verify(Password password, String hash);

    /**
     * A valid hash of a random password. Checking a password against it costs what a real check costs,
     * so a login for an unknown user takes as long as a wrong password (no user enumeration by timing).
     */
    String decoyHash();
}
