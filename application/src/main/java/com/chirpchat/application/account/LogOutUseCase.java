package com.chirpchat.application.account;

import com.chirpchat.domain.user.UserId;

/** Ends sessions: their refresh tokens stop working, their access tokens and sockets too (within seconds everywhere). */
public interface LogOutUseCase {
    /** Ends the session of the caller's access token. */
    void logOut(AccessTokenPort.Claims caller);

    /** Ends every session of the user. */
    void logOutEverywhere(UserId user);
}
