package com.chirpchat.emulator.delivery;

import com.chirpchat.emulator.auth.SignedRequests;
import com.chirpchat.emulator.derive.Derivation;
import com.chirpchat.emulator.derive.DerivationService;
import com.chirpchat.emulator.fault.FaultSwitch;
import com.chirpchat.emulator.settings.Credentials;
import com.chirpchat.emulator.store.Asset;
import com.chirpchat.emulator.store.AssetKey;
import com.chirpchat.emulator.store.AssetStore;
import com.chirpchat.emulator.store.Derived;
import com.chirpchat.emulator.transform.Transformation;
import com.chirpchat.emulator.transform.TransformationException;
import com.chirpchat.emulator.transform.TransformationParser;
import com.chirpchat.emulator.web.ApiException;
import com.chirpchat.emulator.web.Params;
import com.chirpchat.emulator.web.RequestBodies;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The download API, {@code GET /v1_1/{cloud}/{resource_type}/download}, as built by the SDK's
 * {@code privateDownload}: signed like an upload ({@code public_id}, {@code format}, {@code type},
 * {@code attachment}, {@code expires_at}, {@code timestamp}, {@code api_key}, {@code signature}, optional
 * {@code transformation}). Valid until {@code expires_at}, or for an hour after {@code timestamp} without it.
 */
public final class DownloadEndpoint {

    private static final Set<String> RESOURCE_TYPES = Set.of("image", "video", "raw");

    private final Credentials credentials;
    private final AssetStore store;
    private final DerivationService derivations;
    private final FaultSwitch faults;
    private final Clock clock;

    public DownloadEndpoint(Credentials credentials, AssetStore store, DerivationService derivations, FaultSwitch faults,
                            Clock clock) {
        this.credentials = credentials;
        this.store = store;
        this.derivations = derivations;
        this.faults = faults;
        this.clock = clock;
    }

    public void handle(ServerRequest req, ServerResponse res) {
        faults.stallIfConfigured(FaultSwitch.Scope.DOWNLOAD);
        String cloud = req.path().pathParameters().get("cloud");
        String resourceType = req.path().pathParameters().get("resource_type");
        SignedRequests.checkCloud(cloud, credentials);
        if (!RESOURCE_TYPES.contains(resourceType)) {
            throw ApiException.badRequest("Invalid resource type " + resourceType);
        }
        Params params = new Params();
        RequestBodies.addQuery(params, req.query().rawValue());
        Instant now = clock.instant();
        boolean hasExpiry = params.get("expires_at").isPresent();
        SignedRequests.verify(params, credentials, now, !hasExpiry);
        if (hasExpiry) {
            long expiresAt;
            try {
                expiresAt = Long.parseLong(params.get("expires_at").get().trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Invalid expires_at");
            }
            if (expiresAt <= now.getEpochSecond()) {
                throw new ApiException(401, "Download link expired at " + Instant.ofEpochSecond(expiresAt));
            }
        }
        String publicId = params.get("public_id").orElseThrow(() -> ApiException.badRequest("Missing required parameter - public_id"));
        String type = params.get("type").orElse("upload");
        Asset asset = store.find(new AssetKey(resourceType, type, publicId))
                .orElseThrow(() -> ApiException.notFound("Resource not found - " + publicId));
        String format = params.get("format").map(f -> f.toLowerCase(Locale.ROOT)).orElse("");
        List<String> steps = params.get("transformation").map(s -> Arrays.asList(s.split("/"))).orElse(List.of());
        boolean original = steps.isEmpty() && (format.isEmpty() || format.equals(asset.format())
                || "raw".equals(asset.resourceType()));
        String baseName = publicId.substring(publicId.lastIndexOf('/') + 1);
        boolean raw = "raw".equals(asset.resourceType());
        boolean attachment = params.flag("attachment", false) || raw;
        Path file;
        String fileName;
        String contentType;
        if (original) {
            file = store.original(asset);
            fileName = raw ? Attachments.rawName(asset) : baseName + "." + asset.format();
            contentType = raw ? Attachments.rawType(asset) : ContentTypes.of(fileName);
        } else {
            Transformation t;
            String out;
            try {
                t = TransformationParser.parseDelivery(steps, format);
                out = DerivationService.outputFormat(asset, t);
            } catch (TransformationException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            if (out.equals("m3u8") || out.equals("mpd")) {
                throw ApiException.badRequest("Streaming formats cannot be downloaded as one file; use a delivery URL");
            }
            Derivation d = derivations.deriveAndWait(asset, t, out);
            Derived derived = d.derived().orElseThrow(() -> ApiException.badRequest("Error in processing: " + d.error()));
            file = store.derivedFolder(asset, derived.key()).resolve(derived.mainFile());
            fileName = baseName + "." + out;
            contentType = ContentTypes.of(fileName);
        }
        res.header(HeaderNames.CONTENT_DISPOSITION, Attachments.disposition(attachment ? "attachment" : "inline", fileName));
        res.header(HeaderNames.CACHE_CONTROL, "private, no-store");
        FileSender.file(req, res, file, contentType);
    }
}
