package com.chirpchat.application.common;

import java.util.Locale;

import com.chirpchat.domain.common.Reason;

/** Stable, machine-readable reasons a use case refuses a request; adapters map them to their protocol. */
public enum ErrorCode {
    VALIDATION_FAILED,
    UNAUTHENTICATED,
    NOT_A_MEMBER,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    RATE_LIMITED,
    INVALID_SIGNATURE,
    STALE_REQUEST,
    UNAVAILABLE;

    /** The snake_case code clients see. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The code for a domain rule's refusal. */
    public static ErrorCode of(Reason reason) {
        return switch (reason) {
            case NOT_A_MEMBER -> NOT_A_MEMBER;
            case FORBIDDEN -> FORBIDDEN;
            case NOT_FOUND -> NOT_FOUND;
            case CONFLICT -> CONFLICT;
            case INVALID -> VALIDATION_FAILED;
            case TOO_LARGE -> PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_FORMAT -> UNSUPPORTED_MEDIA_TYPE;
        };
    }
}
