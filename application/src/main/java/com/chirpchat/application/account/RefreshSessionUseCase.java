package com.chirpchat.application.account;

/** Exchanges a refresh token for a new access token and a new refresh token (the presented one is used up). */
public interface RefreshSessionUseCase {
    /**
     * @throws com.chirpchat.application.common.UseCaseException UNAUTHENTICATED for an unknown, expired or used
     *         token, or one of an ended session; presenting a used token again ends its whole session
     */
    SessionTokens refresh(String refreshToken);
}
