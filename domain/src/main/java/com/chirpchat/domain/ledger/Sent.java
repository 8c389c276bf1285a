package com.chirpchat.domain.ledger;

import java.util.Objects;

import com.chirpchat.domain.message.Message;

/** The message a post or upload request stands for, and whether this request created it (false: a retry found the first). */
public record Sent(Message message, boolean created) {
    public Sent {
        Objects.requireNonNull(message, "message");
    }
}
