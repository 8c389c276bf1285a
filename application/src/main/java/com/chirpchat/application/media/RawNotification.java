package com.chirpchat.application.media;

import java.util.Objects;

/** A notification as it arrived: the raw body bytes and the signature headers (empty strings when missing). */
public record RawNotification(byte[] body, String timestamp, String signature) {
    public RawNotification {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(signature, "signature");
    }
}
