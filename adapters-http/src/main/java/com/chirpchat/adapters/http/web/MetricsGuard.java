package com.chirpchat.adapters.http.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import com.chirpchat.adapters.http.problem.ProblemException;
import com.chirpchat.adapters.http.problem.Problems;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Keeps the Prometheus metrics ({@code /observe/metrics}) to scrapers that present the configured token as
 * {@code Authorization: Bearer <token>}, compared in constant time. Without a token configured it lets everything
 * through (the metrics are then kept private by serving them on a management port only, or by the network).
 */
public final class MetricsGuard implements Filter {
    private final Optional<byte[]> token;

    public MetricsGuard(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (token.isPresent() && guards(req.prologue().uriPath().path())) {
            byte[] presented = req.headers().first(HeaderNames.AUTHORIZATION).flatMap(BearerToken::parse)
                    .map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
            if (!MessageDigest.isEqual(presented, token.get())) {
                throw new ProblemException(Problems.unauthenticated("the metrics need the configured scrape token as a bearer token"));
            }
        }
        chain.proceed();
    }

    /**
     * Everything under {@code /observe} except health (load balancers probe it without credentials); a path with
     * dot or empty segments is guarded whatever it seems to name.
     */
    static boolean guards(String path) {
        if (path.contains("//") || path.contains("/./") || path.contains("/../") || path.endsWith("/.") || path.endsWith("/..")) {
            return true;
        }
        boolean health = path.equals("/observe/health") || path.startsWith("/observe/health/");
        return path.startsWith("/observe") && !health;
    }
}
