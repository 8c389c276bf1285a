package com.chirpchat.emulator.upload;

import com.chirpchat.emulator.auth.SignedRequests;
import com.chirpchat.emulator.fault.FaultSwitch;
import com.chirpchat.emulator.settings.Credentials;
import com.chirpchat.emulator.web.ApiException;
import com.chirpchat.emulator.web.Params;
import com.chirpchat.emulator.web.RequestBodies;
import com.chirpchat.emulator.web.Responses;
import com.chirpchat.emulator.web.UploadedFile;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** {@code POST /v1_1/{cloud}/{image|video|raw|auto}/upload}. */
public final class UploadEndpoint {

    private static final Set<String> RESOURCE_TYPES = Set.of("image", "video", "raw", "auto");

    private final UploadService service;
    private final Credentials credentials;
    private final FaultSwitch faults;
    private final Path tempDir;
    private final long maxUploadBytes;

    public UploadEndpoint(UploadService service, Credentials credentials, FaultSwitch faults, Path tempDir, long maxUploadBytes) {
        this.service = service;
        this.credentials = credentials;
        this.faults = faults;
        this.tempDir = tempDir;
        this.maxUploadBytes = maxUploadBytes;
    }

    public void handle(ServerRequest req, ServerResponse res) {
        faults.stallIfConfigured(FaultSwitch.Scope.UPLOAD);
        String cloud = req.path().pathParameters().get("cloud");
        String resourceType = req.path().pathParameters().get("resource_type");
        SignedRequests.checkCloud(cloud, credentials);
        if (!RESOURCE_TYPES.contains(resourceType)) {
            throw ApiException.badRequest("Invalid resource type " + resourceType);
        }
        Params params = RequestBodies.read(req, tempDir, maxUploadBytes);
        try {
            if (faults.takeUploadFailure()) {
                throw ApiException.internal("Internal server error (emulated upload failure)");
            }
            Map<String, Object> body = service.upload(resourceType, params,
                    req.headers().first(HeaderNames.create("X-Unique-Upload-Id")),
                    req.headers().first(HeaderNames.create("Content-Range")));
            Responses.ok(res, body);
        } finally {
            params.file().ifPresent(UploadedFile::discard);
        }
    }
}
