package com.chirpchat.application.account;

import java.time.Clock;

import com.chirpchat.application.common.IdGenerator;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.domain.user.User;
import com.chirpchat.domain.user.UserId;

public final class RegisterUserService implements RegisterUserUseCase {
    private final LoadUserPort users;
    private final CreateUserPort store;
    private final PasswordHasher hasher;
    private final IdGenerator ids;
    private final Clock clock;
    private final RegistrationThrottle throttle;

    public RegisterUserService(LoadUserPort users, CreateUserPort store, PasswordHasher hasher, IdGenerator ids, Clock clock) {
        this(users, store, hasher, ids, clock, RegistrationThrottle.none());
    }

    public RegisterUserService(LoadUserPort users, CreateUserPort store, PasswordHasher hasher, IdGenerator ids, Clock clock,
                               RegistrationThrottle throttle) {
        this.throttle = throttle;
        this.users = users;
        this.store = store;
        this.hasher = hasher;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public User register(RegisterUserCommand command) {
        throttle.take(command.from());
        // cheap check first so a taken name costs no hashing; the store's unique constraint settles races
        if (users.byUsername(command.username()).isPresent()) {
            throw taken();
        }
        User user = new User(new UserId(ids.next()), command.username(), command.displayName());
        if (!store.create(user, hasher.hash(command.password()), clock.instant())) {
            throw taken();
        }
        return user;
    }

    private static UseCaseException taken() {
        return UseCaseException.conflict("that username is taken");
    }
}
