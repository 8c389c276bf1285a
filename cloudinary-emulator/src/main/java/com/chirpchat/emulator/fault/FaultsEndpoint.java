package com.chirpchat.emulator.fault;

import com.chirpchat.emulator.web.ApiException;
import com.chirpchat.emulator.web.Json;
import com.chirpchat.emulator.web.Loopback;
import com.chirpchat.emulator.web.Responses;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * {@code /_emulator/faults}: {@code GET} shows the switch, {@code POST} (JSON, see {@link FaultSettingsReader})
 * changes it, {@code DELETE} switches everything off. Routed only when enabled in configuration. Only callers on
 * this machine may use it, and not through a web page of another origin: a browser sends a cross-site
 * {@code POST} with {@code Content-Type: text/plain} without asking first, so a body that is not declared JSON is
 * refused (415), and so is any request whose {@code Origin} is not this service's own or whose
 * {@code Sec-Fetch-Site} says another site made it (403).
 */
public final class FaultsEndpoint {

    private static final HeaderName ORIGIN = HeaderNames.ORIGIN;
    private static final HeaderName SEC_FETCH_SITE = HeaderNames.create("Sec-Fetch-Site");

    private final FaultSwitch faults;

    public FaultsEndpoint(FaultSwitch faults) {
        this.faults = faults;
    }

    public void get(ServerRequest req, ServerResponse res) {
        requireLocalCaller(req);
        Responses.ok(res, faults.snapshot());
    }

    public void post(ServerRequest req, ServerResponse res) {
        requireLocalCaller(req);
        boolean declaredJson = req.headers().contentType()
                .map(type -> type.mediaType().type().equals("application") && type.mediaType().subtype().equals("json"))
                .orElse(false);
        if (!declaredJson) {
            throw new ApiException(415, "The fault switch takes Content-Type: application/json");
        }
        JsonNode json;
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(64 * 1024);
            json = Json.MAPPER.readTree(body.length == 0 ? "{}".getBytes() : body);
        } catch (IOException e) {
            throw ApiException.badRequest("Body must be JSON: " + e.getMessage());
        }
        try {
            FaultSettingsReader.apply(faults, json);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Responses.ok(res, faults.snapshot());
    }

    public void delete(ServerRequest req, ServerResponse res) {
        requireLocalCaller(req);
        faults.reset();
        Responses.ok(res, faults.snapshot());
    }

    private static void requireLocalCaller(ServerRequest req) {
        if (!Loopback.isLoopback(req)) {
            throw new ApiException(403, "The fault switch is only reachable from this machine");
        }
        Optional<String> origin = req.headers().first(ORIGIN);
        Optional<String> host = req.headers().first(HeaderNames.HOST);
        if (origin.isPresent() && !(host.isPresent() && origin.get().equalsIgnoreCase("http://" + host.get()))) {
            throw new ApiException(403, "The fault switch refuses requests from web pages of other origins");
        }
        String site = req.headers().first(SEC_FETCH_SITE).orElse("none");
        if (!site.equals("none") && !site.equals("same-origin")) {
            throw new ApiException(403, "The fault switch refuses requests made by other sites");
        }
    }
}
