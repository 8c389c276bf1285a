package com.chirpchat.emulator.manage;

import com.chirpchat.emulator.auth.SignedRequests;
import com.chirpchat.emulator.fault.FaultSwitch;
import com.chirpchat.emulator.settings.Credentials;
import com.chirpchat.emulator.store.AssetKey;
import com.chirpchat.emulator.store.AssetStore;
import com.chirpchat.emulator.web.ApiException;
import com.chirpchat.emulator.web.Params;
import com.chirpchat.emulator.web.RequestBodies;
import com.chirpchat.emulator.web.Responses;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1_1/{cloud}/{resource_type}/destroy} ({@code public_id}, {@code type}, {@code invalidate}, signed):
 * removes the original and every derived file; answers {@code {"result":"ok"}} or {@code {"result":"not found"}}.
 */
public final class DestroyEndpoint {

    private static final Set<String> RESOURCE_TYPES = Set.of("image", "video", "raw");

    private final Credentials credentials;
    private final AssetStore store;
    private final FaultSwitch faults;
    private final Path tempDir;

    public DestroyEndpoint(Credentials credentials, AssetStore store, FaultSwitch faults) {
        this.credentials = credentials;
        this.store = store;
        this.faults = faults;
        this.tempDir = store.tempDir();
    }

    public void handle(ServerRequest req, ServerResponse res) {
        faults.stallIfConfigured(FaultSwitch.Scope.DESTROY);
        String cloud = req.path().pathParameters().get("cloud");
        String resourceType = req.path().pathParameters().get("resource_type");
        SignedRequests.checkCloud(cloud, credentials);
        Params params = RequestBodies.read(req, tempDir, 1024 * 1024);
        params.file().ifPresent(f -> f.discard());
        if (faults.takeDestroyFailure()) {
            throw ApiException.internal("Internal server error (emulated destroy failure)");
        }
        if (!RESOURCE_TYPES.contains(resourceType)) {
            throw ApiException.badRequest("Invalid resource type " + resourceType);
        }
        SignedRequests.verify(params, credentials, Instant.now(), true);
        String publicId = params.get("public_id").orElseThrow(() -> ApiException.badRequest("Missing required parameter - public_id"));
        String type = params.get("type").orElse("upload");
        boolean deleted = store.delete(new AssetKey(resourceType, type, publicId)).isPresent();
        Responses.ok(res, Map.of("result", deleted ? "ok" : "not found"));
    }
}
