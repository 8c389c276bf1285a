package com.chirpchat.emulator.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Cross-origin access like Cloudinary's upload API and CDN: any origin may upload directly from a browser and
 * players on any origin may fetch media.
 */
public final class Cors {

    /** What Cloudinary's JS widget and SDKs send on direct uploads, plus what chunked uploads add. */
    public static final String ALLOWED_HEADERS = "Accept, Authorization, Cache-Control, Content-Disposition, "
            + "Content-Range, Content-Type, Range, X-Prototype-Version, X-Requested-With, X-Unique-Upload-Id";
    public static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS";
    public static final String EXPOSED_HEADERS = "Content-Length, Content-Range, Accept-Ranges, ETag, X-Cld-Error";

    private Cors() {
    }

    public static void addHeaders(ServerResponse res) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
    }

    /** Answers a preflight request (refused for the emulator's own control endpoints). */
    public static void preflight(ServerRequest req, ServerResponse res) {
        if (req.path().path().startsWith("/_emulator")) {
            res.status(403);
            res.send();
            return;
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
        res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "1728000");
        res.header(HeaderNames.VARY, "Origin, Access-Control-Request-Headers");
        res.status(204);
        res.send();
    }
}
