package com.chirpchat.application.account;

import java.time.Duration;

/**
 * What a login or a refresh hands out: a short-lived access token and the refresh token that gets the next one
 * (single use: each refresh replaces it).
 */
public record SessionTokens(AccessTokenPort.AccessToken access, String refreshToken, Duration refreshExpiresIn) {
    @Override
    public String toString() {
        return "SessionTokens[expiresIn=" + access.expiresIn() + ", refreshExpiresIn=" + refreshExpiresIn + "]";
    }
}
