package com.chirpchat.adapters.http.web;

import com.chirpchat.adapters.http.problem.ProblemException;
import com.chirpchat.adapters.http.problem.Problems;
import com.chirpchat.domain.user.UserId;

import io.helidon.webserver.http.ServerRequest;

/** The authenticated user of a request, put there by {@link ApiFilter}. */
public final class Caller {
    private Caller() {
    }

    static void set(ServerRequest req, UserId userId) {
        req.context().register(Caller.class, userId);
    }

    /** The caller; a route reached without authentication (a wiring mistake) is refused, never served. */
    public static UserId of(ServerRequest req) {
        return req.context().get(Caller.class, UserId.class)
                .orElseThrow(() -> new ProblemException(Problems.unauthenticated("an access token is required")));
    }
}
