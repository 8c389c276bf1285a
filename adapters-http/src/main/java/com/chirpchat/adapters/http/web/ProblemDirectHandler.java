package com.chirpchat.adapters.http.web;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

import com.chirpchat.adapters.http.problem.Problem;
import com.chirpchat.adapters.http.problem.Problems;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * Makes the responses the server sends without routing (unparsable request, body over the size limit, too many
 * headers, ...) problem+json documents like every other error.
 */
public final class ProblemDirectHandler implements DirectHandler {
    private static final System.Logger LOG = System.getLogger(ProblemDirectHandler.class.getName());
    private static final int MAX_SAFE_MESSAGE = 200;

    private final Cors cors;

    public ProblemDirectHandler(Cors cors) {
        this.cors = cors;
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, Throwable thrown, System.Logger logger) {
        int status = defaultStatus.code();
        String detail = Problems.describe(status);
        // Helidon marks which of its messages are fit for clients; show those, short ones only
        if (status < 500 && status != 413 && thrown instanceof RequestException re && re.safeMessage()
                && re.getMessage() != null && !re.getMessage().isBlank() && re.getMessage().length() <= MAX_SAFE_MESSAGE) {
            detail = re.getMessage();
        }
        if (status >= 500) {
            LOG.log(Level.ERROR, "server error outside routing", thrown);
        }
        return response(request, Problems.forStatus(status, detail), responseHeaders);
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, String message) {
        int status = defaultStatus.code();
        return response(request, Problems.forStatus(status, Problems.describe(status)), responseHeaders);
    }

    private TransportResponse response(TransportRequest request, Problem problem, ServerResponseHeaders headers) {
        headers.set(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.set(Cors.NOSNIFF_NAME, "nosniff");
        problem.headers().forEach((name, value) -> headers.set(HeaderNames.create(name), value));
        try {
            var requestHeaders = request.headers();
            var origin = requestHeaders.first(HeaderNames.ORIGIN);
            if (origin.isPresent() && cors.allowed(requestHeaders)) {
                headers.set(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
                headers.set(HeaderNames.VARY, "Origin");
            }
        } catch (RuntimeException e) {
            // no usable request headers (the request was not even parsed): no CORS headers then
        }
        return TransportResponse.builder()
                .status(Status.create(problem.status()))
                .headers(headers)
                .entity(problem.toJsonText().getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
