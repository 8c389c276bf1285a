package com.chirpchat.application.account;

import com.chirpchat.domain.user.User;

/** Creates an account. */
public interface RegisterUserUseCase {
    /** @throws com.chirpchat.application.common.UseCaseException CONFLICT when the username is taken */
    User register(RegisterUserCommand command);
}
