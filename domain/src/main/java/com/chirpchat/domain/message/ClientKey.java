package com.chirpchat.domain.message;

import java.util.Objects;

import com.chirpchat.domain.user.UserId;

/** What makes a send retry-safe within a chat: the same author with the same client message id means the same message. */
public record ClientKey(UserId author, ClientMessageId clientMessageId) {
    public ClientKey {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(clientMessageId, "clientMessageId");
    }
}
