package com.chirpchat.emulator.web;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.lang.System.Logger.Level;

/** Wraps API handlers so every failure leaves as {@code {"error":{"message":...}}}, never a stack trace. */
public final class ApiHandlers {

    private static final System.Logger LOG = System.getLogger(ApiHandlers.class.getName());

    /** An API handler body. */
    @FunctionalInterface
    public interface ApiHandler {
        void handle(ServerRequest req, ServerResponse res) throws Exception;
    }

    private ApiHandlers() {
    }

    /** A public API handler: CORS headers like Cloudinary's API. */
    public static Handler api(ApiHandler handler) {
        return wrap(handler, true);
    }

    /** A handler for local tooling only (no CORS, so web pages of other origins cannot call it). */
    public static Handler local(ApiHandler handler) {
        return wrap(handler, false);
    }

    private static Handler wrap(ApiHandler handler, boolean cors) {
        return (req, res) -> {
            if (cors) {
                Cors.addHeaders(res);
            }
            try {
                handler.handle(req, res);
            } catch (ApiException e) {
                if (!res.isSent()) {
                    Responses.error(res, e);
                }
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Unexpected failure on " + req.prologue().method() + " " + req.path().rawPath(), e);
                if (!res.isSent()) {
                    Responses.error(res, 500, "Internal error: " + e.getClass().getSimpleName());
                }
            }
        };
    }
}
