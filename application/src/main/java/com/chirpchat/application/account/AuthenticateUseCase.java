package com.chirpchat.application.account;

import com.chirpchat.domain.user.UserId;

/** Tells who a bearer token belongs to. */
public interface AuthenticateUseCase {
    /** @throws com.chirpchat.application.common.UseCaseException UNAUTHENTICATED for a bad, expired or orphaned token */
    UserId authenticate(String bearerToken);
}
