package com.chirpchat.application.account;

/** Exchanges a username and password for a new session: an access token and a refresh token. */
public interface LogInUseCase {
    /**
     * @throws com.chirpchat.application.common.UseCaseException UNAUTHENTICATED for wrong credentials,
     *                                                          RATE_LIMITED after too many failures
     */
    SessionTokens logIn(LogInCommand command);
}
