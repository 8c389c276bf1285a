package com.chirpchat.adapters.http.web;

import java.time.Duration;
import java.util.Optional;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.ServerResponse;

/**
 * CORS for browser clients, with the same allowed origins as the WebSocket. Tokens travel in the
 * {@code Authorization} header, never in cookies, so credentials are not allowed.
 */
public final class Cors {
    public static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final HeaderName NOSNIFF_NAME = HeaderNames.create("X-Content-Type-Options");
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept";
    private static final String EXPOSED_HEADERS = "Location, Retry-After, WWW-Authenticate, Allow";

    private final OriginPolicy origins;
    private final boolean enabled;
    private final Duration maxAge;

    public Cors(OriginPolicy origins, boolean enabled, Duration maxAge) {
        this.origins = origins;
        this.enabled = enabled;
        this.maxAge = maxAge;
    }

    public OriginPolicy origins() {
        return origins;
    }

    /** False when the request comes from a browser page whose origin is not allowed. */
    public boolean allowed(ServerRequestHeaders headers) {
        return origins.allows(headers.first(HeaderNames.ORIGIN), headers.first(HeaderNames.HOST));
    }

    public static boolean isPreflight(Method method, ServerRequestHeaders headers) {
        return method == Method.OPTIONS && headers.contains(HeaderNames.ORIGIN)
                && headers.contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    /** Headers every response gets: no MIME sniffing, and CORS headers for an allowed browser origin. */
    public void decorate(ServerRequestHeaders headers, ServerResponse res) {
        res.header(NOSNIFF_NAME, "nosniff");
        Optional<String> origin = headers.first(HeaderNames.ORIGIN);
        if (enabled && origin.isPresent() && allowed(headers)) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
            res.header(HeaderNames.VARY, "Origin");
            res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
    }

    /** Completes {@link #decorate} for a preflight of an allowed origin. */
    public void decoratePreflight(ServerResponse res) {
        if (enabled) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, Long.toString(maxAge.toSeconds()));
        }
    }
}
