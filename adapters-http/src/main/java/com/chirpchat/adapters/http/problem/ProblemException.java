package com.chirpchat.adapters.http.problem;

import java.util.Objects;

/** Thrown by the HTTP layer itself (bad input it detects before a use case runs) to answer with a problem. */
public final class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, Problems.VALIDATION_FAILED, detail));
    }

    public static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(Problem.of(413, Problems.PAYLOAD_TOO_LARGE,
                                               "the request body is larger than " + maxBytes + " bytes"));
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(Problem.of(415, Problems.UNSUPPORTED_MEDIA_TYPE, detail));
    }

    public Problem problem() {
        return problem;
    }
}
