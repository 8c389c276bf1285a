package com.chirpchat.adapters.http.web;

import java.lang.System.Logger.Level;

import com.chirpchat.adapters.http.problem.Problem;
import com.chirpchat.adapters.http.problem.Problems;

import io.helidon.http.HttpException;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The routing's error handler for every throwable: client mistakes become their problem, Helidon's own HTTP
 * exceptions (unknown route, ...) a problem for their status, anything else a logged 500 with a generic detail.
 */
public final class ErrorHandling implements ErrorHandler<Throwable> {
    private static final System.Logger LOG = System.getLogger(ErrorHandling.class.getName());

    private final Cors cors;

    public ErrorHandling(Cors cors) {
        this.cors = cors;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res, Throwable thrown) {
        Problem problem = Problems.of(thrown).orElseGet(() -> serverSide(req, thrown));
        // the response was reset for us, headers included: put back what every response carries
        cors.decorate(req.headers(), res);
        Replies.problem(res, problem);
    }

    private static Problem serverSide(ServerRequest req, Throwable thrown) {
        if (thrown instanceof HttpException http && http.status().code() < 500) {
            int status = http.status().code();
            return Problems.forStatus(status, status == 404 ? "there is no endpoint " + req.prologue().method().text()
                    + " " + req.prologue().uriPath().path() : Problems.describe(status));
        }
        LOG.log(Level.ERROR, "request " + req.prologue().method().text() + " " + req.prologue().uriPath().path()
                + " failed", thrown);
        return Problems.internalError();
    }
}
