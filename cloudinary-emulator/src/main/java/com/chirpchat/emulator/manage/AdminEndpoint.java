package com.chirpchat.emulator.manage;

import com.chirpchat.emulator.auth.BasicAuth;
import com.chirpchat.emulator.fault.FaultSwitch;
import com.chirpchat.emulator.settings.Credentials;
import com.chirpchat.emulator.store.Asset;
import com.chirpchat.emulator.store.AssetKey;
import com.chirpchat.emulator.store.AssetStore;
import com.chirpchat.emulator.view.AssetViews;
import com.chirpchat.emulator.web.ApiException;
import com.chirpchat.emulator.web.Params;
import com.chirpchat.emulator.web.RequestBodies;
import com.chirpchat.emulator.web.Responses;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The slice of the Admin API the backend uses, authenticated with HTTP Basic {@code api_key:api_secret}:
 * {@code GET /v1_1/{cloud}/ping}, {@code DELETE /v1_1/{cloud}/resources/{resource_type}/{type}} with
 * {@code public_ids[]}, and {@code GET /v1_1/{cloud}/resources/{resource_type}/{type}/{public_id}}.
 */
public final class AdminEndpoint {

    private static final Set<String> RESOURCE_TYPES = Set.of("image", "video", "raw");
    private static final Set<String> TYPES = Set.of("upload", "private", "authenticated");
    private static final int MAX_IDS = 100;

    private final Credentials credentials;
    private final AssetStore store;
    private final AssetViews views;
    private final FaultSwitch faults;

    public AdminEndpoint(Credentials credentials, AssetStore store, AssetViews views, FaultSwitch faults) {
        this.credentials = credentials;
        this.store = store;
        this.views = views;
        this.faults = faults;
    }

    public void ping(ServerRequest req, ServerResponse res) {
        authenticate(req);
        Responses.ok(res, Map.of("status", "ok"));
    }

    public void deleteResources(ServerRequest req, ServerResponse res) {
        faults.stallIfConfigured(FaultSwitch.Scope.ADMIN);
        authenticate(req);
        Params params = RequestBodies.read(req, store.tempDir(), 1024 * 1024);
        params.file().ifPresent(f -> f.discard());
        if (faults.takeDestroyFailure()) {
            throw ApiException.internal("Internal server error (emulated delete failure)");
        }
        String resourceType = resourceType(req);
        String type = type(req);
        List<String> ids = params.all("public_ids");
        if (ids.isEmpty()) {
            throw ApiException.badRequest("Missing required parameter - public_ids");
        }
        if (ids.size() > MAX_IDS) {
            throw ApiException.badRequest("Too many public_ids (at most " + MAX_IDS + ")");
        }
        Map<String, Object> deleted = new LinkedHashMap<>();
        Map<String, Object> counts = new LinkedHashMap<>();
        for (String id : ids) {
            Optional<Integer> derived = store.delete(new AssetKey(resourceType, type, id));
            deleted.put(id, derived.isPresent() ? "deleted" : "not_found");
            counts.put(id, Map.of("original", derived.isPresent() ? 1 : 0, "derived", derived.orElse(0)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deleted", deleted);
        body.put("deleted_counts", counts);
        body.put("partial", false);
        Responses.ok(res, body);
    }

    public void resource(ServerRequest req, ServerResponse res) {
        faults.stallIfConfigured(FaultSwitch.Scope.ADMIN);
        authenticate(req);
        String raw = req.path().rawPath();
        String marker = "/" + type(req) + "/";
        int at = raw.indexOf(marker, raw.indexOf("/resources/") + "/resources/".length());
        String publicId = com.chirpchat.emulator.auth.AuthTokens.percentDecode(raw.substring(at + marker.length()));
        Asset asset = store.find(new AssetKey(resourceType(req), type(req), publicId))
                .orElseThrow(() -> ApiException.notFound("Resource not found - " + publicId));
        Map<String, Object> body = views.asset(asset);
        body.put("derived", views.derivedList(asset, store.listDerived(asset)));
        Responses.ok(res, body);
    }

    private void authenticate(ServerRequest req) {
        String cloud = req.path().pathParameters().get("cloud");
        if (!credentials.cloudName().equals(cloud)) {
            throw new ApiException(401, "Invalid cloud_name " + cloud);
        }
        if (!BasicAuth.matches(req.headers().first(HeaderNames.AUTHORIZATION), credentials.apiKey(), credentials.apiSecret())) {
            throw new ApiException(401, "Invalid credentials");
        }
    }

    private static String resourceType(ServerRequest req) {
        String rt = req.path().pathParameters().get("resource_type");
        if (!RESOURCE_TYPES.contains(rt)) {
            throw ApiException.badRequest("Invalid resource type " + rt);
        }
        return rt;
    }

    private static String type(ServerRequest req) {
        String t = req.path().pathParameters().get("type");
        if (!TYPES.contains(t)) {
            throw ApiException.badRequest("Invalid type " + t);
        }
        return t;
    }
}
