package com.chirpchat.emulator.fault;

import com.chirpchat.emulator.web.ApiException;
import com.chirpchat.emulator.web.Json;
import com.chirpchat.emulator.web.Loopback;
import com.chirpchat.emulator.web.Responses;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@code /_emulator/faults}: {@code GET} shows the switch, {@code POST} (JSON, see {@link FaultSettingsReader})
 * changes it, {@code DELETE} switches everything off. Only callers on this machine may use it.
 */
public final class FaultsEndpoint {

    private final FaultSwitch faults;

    public FaultsEndpoint(FaultSwitch faults) {
        this.faults = faults;
    }

    public void get(ServerRequest req, ServerResponse res) {
        requireLoopback(req);
        Responses.ok(res, faults.snapshot());
    }

    public void post(ServerRequest req, ServerResponse res) {
        requireLoopback(req);
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
        requireLoopback(req);
        faults.reset();
        Responses.ok(res, faults.snapshot());
    }

    private static void requireLoopback(ServerRequest req) {
        if (!Loopback.isLoopback(req)) {
            throw new ApiException(403, "The fault switch is only reachable from this machine");
        }
    }
}
