package com.chirpchat.application.account;

import java.util.Optional;

import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.domain.common.InvalidValueException;
import com.chirpchat.domain.user.Password;
import com.chirpchat.domain.user.Username;

public final class LogInService implements LogInUseCase {
    private final LoadUserPort users;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final LoginThrottle throttle;
    private final String decoy;

    public LogInService(LoadUserPort users, PasswordHasher hasher, SessionService sessions, LoginThrottle throttle) {
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.decoy = hasher.decoyHash();
    }

    @Override
    public SessionTokens logIn(LogInCommand command) {
        String key = command.username();
        throttle.check(key, command.from());
        Optional<LoadUserPort.Credentials> credentials = Username.isValid(command.username())
                ? users.credentials(new Username(command.username()))
                : Optional.empty();
        Optional<Password> password = password(command.password());
        boolean matches;
        if (credentials.isPresent() && password.isPresent()) {
            matches = hasher.verify(password.get(), credentials.get().passwordHash());
        } else {
            // same work as a real check, so response time does not reveal which usernames exist
            hasher.verify(password.orElseGet(() -> new Password("decoy-password")), decoy);
            matches = false;
        }
        if (!matches) {
            throttle.failed(key, command.from());
            throw UseCaseException.unauthenticated("wrong username or password");
        }
        throttle.succeeded(key, command.from());
        return sessions.start(credentials.get().user().id());
    }

    private static Optional<Password> password(String typed) {
        try {
            return Optional.of(new Password(typed));
        } catch (InvalidValueException e) {
            return Optional.empty(); // a password no account can have
        }
    }
}
