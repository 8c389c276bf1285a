package com.chirpchat.adapters.http.web;

import java.util.List;

import com.chirpchat.adapters.http.problem.Problem;
import com.chirpchat.adapters.http.problem.ProblemException;
import com.chirpchat.adapters.http.problem.Problems;
import com.chirpchat.application.account.AuthenticateUseCase;

import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Runs before every route: security headers and CORS, then authentication. Secure by default: every path needs
 * a bearer token except the listed public ones, so a route added later is protected unless made public here.
 */
public final class ApiFilter implements Filter {
    private final Cors cors;
    private final AuthenticateUseCase authenticate;
    private final List<String> publicPaths;

    /**
     * @param publicPaths paths that need no token: an entry ending in {@code /} is a prefix, any other entry
     *                    matches itself and what lies below it
     */
    public ApiFilter(Cors cors, AuthenticateUseCase authenticate, List<String> publicPaths) {
        this.cors = cors;
        this.authenticate = authenticate;
        this.publicPaths = List.copyOf(publicPaths);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        ServerRequestHeaders headers = req.headers();
        cors.decorate(headers, res);
        if (!cors.allowed(headers)) {
            throw new ProblemException(Problem.of(403, Problems.FORBIDDEN, "requests from this Origin are not allowed"));
        }
        if (Cors.isPreflight(req.prologue().method(), headers)) {
            cors.decoratePreflight(res);
            res.status(Status.NO_CONTENT_204);
            res.send();
            return;
        }
        QueryNames.requireDistinct(req.prologue().query().rawValue());
        if (!isPublic(req.prologue().uriPath().path())) {
            String header = headers.first(HeaderNames.AUTHORIZATION)
                    .orElseThrow(() -> new ProblemException(Problems.unauthenticated("an access token is required")));
            String token = BearerToken.parse(header)
                    .orElseThrow(() -> new ProblemException(
                            Problems.unauthenticated("the Authorization header must be 'Bearer <accessToken>'")));
            Caller.set(req, authenticate.authenticate(token));
        }
        chain.proceed();
    }

    boolean isPublic(String path) {
        if (path.contains("//") || path.contains("/./") || path.contains("/../") || path.endsWith("/..")
                || path.endsWith("/.")) {
            return false; // never let dot segments or empty segments slip past the check
        }
        for (String open : publicPaths) {
            if (open.endsWith("/") ? path.startsWith(open) : path.equals(open) || path.startsWith(open + "/")) {
                return true;
            }
        }
        return false;
    }
}
