package com.chirpchat.application.account;

import java.util.Objects;

import com.chirpchat.application.limits.ClientAddress;
import com.chirpchat.domain.user.DisplayName;
import com.chirpchat.domain.user.Password;
import com.chirpchat.domain.user.Username;

/** A request for a new account, and where it came from; the display name defaults to the username. */
public record RegisterUserCommand(Username username, Password password, DisplayName displayName, ClientAddress from) {
    public RegisterUserCommand {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(from, "from");
    }

    public RegisterUserCommand(Username username, Password password, DisplayName displayName) {
        this(username, password, displayName, ClientAddress.UNKNOWN);
    }

    /** Validates raw input; {@code displayName} may be null. */
    public static RegisterUserCommand of(String username, String password, String displayName) {
        return of(username, password, displayName, ClientAddress.UNKNOWN);
    }

    /** Validates raw input; {@code displayName} may be null. */
    public static RegisterUserCommand of(String username, String password, String displayName, ClientAddress from) {
        Username name = new Username(username);
        Password secret = new Password(password);
        return new RegisterUserCommand(name, secret, new DisplayName(displayName == null ? username : displayName), from);
    }
}
