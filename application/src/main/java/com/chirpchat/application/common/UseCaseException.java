package com.chirpchat.application.common;

import java.time.Duration;
import java.util.Optional;

/** A use case refused a request; {@link #code()} says why in a way adapters can map. */
public class UseCaseException extends RuntimeException {
    private final ErrorCode code;
    private final Duration retryAfter;

    public UseCaseException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    private UseCaseException(ErrorCode code, String detail, Duration retryAfter) {
        super(detail);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public static UseCaseException notFound(String detail) {
        return new UseCaseException(ErrorCode.NOT_FOUND, detail);
    }

    public static UseCaseException invalid(String detail) {
        return new UseCaseException(ErrorCode.VALIDATION_FAILED, detail);
    }

    public static UseCaseException unauthenticated(String detail) {
        return new UseCaseException(ErrorCode.UNAUTHENTICATED, detail);
    }

    public static UseCaseException conflict(String detail) {
        return new UseCaseException(ErrorCode.CONFLICT, detail);
    }

    public static UseCaseException rateLimited(String detail, Duration retryAfter) {
        return new UseCaseException(ErrorCode.RATE_LIMITED, detail, retryAfter);
    }

    /** Not now: the request changed nothing and may be sent again after {@code retryAfter}. */
    public static UseCaseException unavailable(String detail, Duration retryAfter) {
        return new UseCaseException(ErrorCode.UNAVAILABLE, detail, retryAfter);
    }

    public ErrorCode code() {
        return code;
    }

    /** How long the client should wait before trying again, when that is known. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
