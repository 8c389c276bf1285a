package com.chirpchat.adapters.http.problem;

import java.time.Duration;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.domain.common.InvalidValueException;
import com.chirpchat.domain.common.RuleViolationException;

/** Turns what use cases and the domain throw into the problem a client sees. */
public final class Problems {
    public static final String VALIDATION_FAILED = "validation_failed";
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not_found";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String UPGRADE_REQUIRED = "upgrade_required";
    public static final String INTERNAL_ERROR = "internal_error";

    private Problems() {
    }

    /**
     * The problem for an exception a request ended with; empty for exceptions that are not a client's doing
     * (those are server faults, answered with {@link #internalError()} and logged by the caller).
     */
    public static java.util.Optional<Problem> of(Throwable thrown) {
        return java.util.Optional.ofNullable(switch (thrown) {
            case ProblemException e -> e.problem();
            case UseCaseException e -> of(e);
            case InvalidValueException e -> Problem.of(400, VALIDATION_FAILED, e.getMessage());
            case RuleViolationException e -> of(new UseCaseException(ErrorCode.of(e.reason()), e.getMessage()));
            default -> null;
        });
    }

    public static Problem of(UseCaseException e) {
        ErrorCode code = e.code();
        Problem problem = Problem.of(status(code), code.wireName(), detail(e));
        if (code == ErrorCode.UNAUTHENTICATED) {
            problem = problem.withHeader("WWW-Authenticate", "Bearer");
        }
        if (e.retryAfter().isPresent()) {
            problem = problem.withHeader("Retry-After", Long.toString(retryAfterSeconds(e.retryAfter().get())));
        }
        return problem;
    }

    public static Problem unauthenticated(String detail) {
        return Problem.of(401, UNAUTHENTICATED, detail).withHeader("WWW-Authenticate", "Bearer");
    }

    public static Problem notFound(String detail) {
        return Problem.of(404, NOT_FOUND, detail);
    }

    public static Problem internalError() {
        return Problem.of(500, INTERNAL_ERROR, "the server failed to handle this request; it has been logged");
    }

    /**
     * A problem for a bare HTTP status raised by the server itself (unknown route, unreadable request, ...).
     * 5xx statuses all become {@link #internalError()}: their messages are not for clients.
     */
    public static Problem forStatus(int status, String detail) {
        if (status >= 500) {
            return status == 503 ? Problem.of(503, "unavailable", "the server is busy; try again later") : internalError();
        }
        String code = switch (status) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 408 -> "request_timeout";
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> "uri_too_long";
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 426 -> UPGRADE_REQUIRED;
            case 429 -> "rate_limited";
            case 431 -> "headers_too_large";
            default -> "bad_request";
        };
        Problem problem = Problem.of(status, code, detail);
        return status == 401 ? problem.withHeader("WWW-Authenticate", "Bearer") : problem;
    }

    /** A fixed, safe description of a status, for when the server's own message must not be shown. */
    public static String describe(int status) {
        return switch (status) {
            case 400 -> "the request is malformed";
            case 404 -> "there is no such resource";
            case 405 -> "this method is not supported here";
            case 408 -> "the request took too long to arrive";
            case 413 -> "the request body is too large";
            case 414 -> "the request URI is too long";
            case 431 -> "the request headers are too large";
            default -> "the request cannot be served";
        };
    }

    public static int status(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED -> 400;
            case UNAUTHENTICATED, INVALID_SIGNATURE, STALE_REQUEST -> 401;
            case NOT_A_MEMBER, FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
        };
    }

    private static String detail(UseCaseException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.code().wireName().replace('_', ' ') : message;
    }

    /** Whole seconds, rounded up, at least one: "Retry-After: 0" would invite an immediate retry. */
    static long retryAfterSeconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
