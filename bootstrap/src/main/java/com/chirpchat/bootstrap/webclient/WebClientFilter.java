package com.chirpchat.bootstrap.webclient;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Serves the web client on the API's port: {@code /} and every client route under {@code /app/} get the page
 * (the client routes itself), {@code /assets/...} the content-hashed files it loads. Everything else, and every
 * method but GET and HEAD, goes on to the API untouched, so the client never shadows an API path.
 * <p>
 * A filter ahead of the API's own rather than a route: the API's filter asks for a bearer token on every path it
 * does not know to be public, and the page must load without one. Helidon's static-content service would sit
 * behind that filter, and it has no say over caching headers: hashed assets are immutable (a new build has new
 * names), while the page is revalidated on every load so a new build is picked up at once.
 */
public final class WebClientFilter implements Filter {
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    private static final String NOT_FOUND = "{\"type\":\"urn:chirpchat:problem:not_found\",\"title\":\"Not found\","
            + "\"status\":404,\"detail\":\"the web client has no such file\",\"code\":\"not_found\"}";

    private final WebAssets assets;

    public WebClientFilter(WebAssets assets) {
        this.assets = assets;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Method method = req.prologue().method();
        String path = req.prologue().uriPath().path();
        if (method != Method.GET && method != Method.HEAD) {
            chain.proceed();
            return;
        }
        if (path.equals("/") || path.equals("/index.html") || path.equals("/app") || path.startsWith("/app/")) {
            serve(req, res, assets.find("index.html"), REVALIDATE);
        } else if (path.startsWith("/assets/")) {
            serve(req, res, assets.find(path.substring(1)), IMMUTABLE);
        } else {
            chain.proceed();
        }
    }

    private static void serve(RoutingRequest req, RoutingResponse res, Optional<WebAssets.Asset> found, String caching) {
        res.header(HeaderValues.create("X-Content-Type-Options", "nosniff"));
        if (found.isEmpty()) {
            res.status(Status.NOT_FOUND_404);
            res.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
            res.send(NOT_FOUND);
            return;
        }
        WebAssets.Asset asset = found.get();
        res.header(HeaderNames.CACHE_CONTROL, caching);
        res.header(HeaderNames.ETAG, asset.etag());
        if (asset.contentType().startsWith("text/html")) {
            res.header(HeaderValues.create("X-Frame-Options", "DENY"));
            res.header(HeaderValues.create("Referrer-Policy", "no-referrer"));
        }
        boolean unchanged = req.headers().first(HeaderNames.IF_NONE_MATCH)
                .map(tags -> tags.contains(asset.etag()) || tags.strip().equals("*")).orElse(false);
        if (unchanged) {
            res.status(Status.NOT_MODIFIED_304);
            res.send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, asset.contentType());
        if (req.prologue().method() == Method.HEAD) {
            res.header(HeaderNames.CONTENT_LENGTH, String.valueOf(asset.bytes().length));
            res.send();
        } else {
            res.send(asset.bytes());
        }
    }
}
