package com.chirpchat.emulator.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;

/** Writes JSON answers and Cloudinary-style errors. */
public final class Responses {

    private Responses() {
    }

    public static void json(ServerResponse res, int status, Object body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        res.send(Json.bytes(body));
    }

    public static void ok(ServerResponse res, Object body) {
        json(res, 200, body);
    }

    public static void error(ServerResponse res, ApiException e) {
        json(res, e.status(), Map.of("error", Map.of("message", e.getMessage())));
    }

    public static void error(ServerResponse res, int status, String message) {
        json(res, status, Map.of("error", Map.of("message", message)));
    }
}
