package com.chirpchat.application.account;

/** Exchanges a username and password for an access token. */
public interface LogInUseCase {
    /**
     * @throws com.chirpchat.application.common.UseCaseException UNAUTHENTICATED for wrong credentials,
     *                                                          RATE_LIMITED after too many failures
     */
    AccessTokenPort.AccessToken logIn(LogInCommand command);
}
