package com.chirpchat.emulator.delivery;

import com.chirpchat.emulator.auth.AuthTokens;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a delivery request was let through.
 *
 * @param via         how access was granted
 * @param token       the token that granted it, when {@code via} is a token
 */
record Access(Via via, Optional<AuthTokens.Token> token) {

    /** How access was granted. */
    enum Via { PUBLIC, SIGNATURE, QUERY_TOKEN, COOKIE_TOKEN }

    Access {
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(token, "token");
    }

    static Access of(Via via) {
        return new Access(via, Optional.empty());
    }

    boolean authorized() {
        return via != Via.PUBLIC;
    }
}
