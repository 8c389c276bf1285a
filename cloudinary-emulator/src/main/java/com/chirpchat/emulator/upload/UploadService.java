package com.chirpchat.emulator.upload;

import com.chirpchat.emulator.auth.Digests;
import com.chirpchat.emulator.auth.SignedRequests;
import com.chirpchat.emulator.derive.DerivationService;
import com.chirpchat.emulator.notify.Notifier;
import com.chirpchat.emulator.probe.MediaProbe;
import com.chirpchat.emulator.probe.Probe;
import com.chirpchat.emulator.settings.ChunkSettings;
import com.chirpchat.emulator.settings.Credentials;
import com.chirpchat.emulator.store.Asset;
import com.chirpchat.emulator.store.AssetKey;
import com.chirpchat.emulator.store.AssetStore;
import com.chirpchat.emulator.store.PendingBatch;
import com.chirpchat.emulator.transform.Transformation;
import com.chirpchat.emulator.transform.TransformationException;
import com.chirpchat.emulator.transform.TransformationParser;
import com.chirpchat.emulator.transform.Transformations;
import com.chirpchat.emulator.view.AssetViews;
import com.chirpchat.emulator.web.ApiException;
import com.chirpchat.emulator.web.Params;
import com.chirpchat.emulator.web.UploadedFile;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The upload API: authenticates, assembles chunks, plans the upload (what the file is, its id, its eager items),
 * stores it, runs or queues the eager transformations and sends notifications.
 */
public final class UploadService implements AutoCloseable {

    private final Credentials credentials;
    private final AssetStore store;
    private final Detector detector;
    private final EagerResults eagerResults;
    private final EagerBatches batches;
    private final Notifier notifier;
    private final AssetViews views;
    private final ChunkSessions chunks;
    private final long maxUploadBytes;
    private final AsyncUploads asyncUploads;

    public UploadService(Credentials credentials, AssetStore store, MediaProbe probe, DerivationService derivations,
                         EagerBatches batches, Notifier notifier, AssetViews views,
                         ChunkSettings chunkSettings, long maxUploadBytes) {
        this.credentials = credentials;
        this.store = store;
        this.detector = new Detector(probe);
        this.eagerResults = new EagerResults(store, derivations, views);
        this.batches = batches;
        this.notifier = notifier;
        this.views = views;
        this.chunks = new ChunkSessions(store, chunkSettings, maxUploadBytes);
        this.maxUploadBytes = maxUploadBytes;
        this.asyncUploads = new AsyncUploads(store.tempDir());
    }

    /** Deletes abandoned chunk state; called periodically. */
    public void sweepChunks() {
        chunks.sweep();
    }

    /**
     * Handles one upload request (or one chunk of a chunked upload).
     *
     * @param resourceType  {@code image}, {@code video}, {@code raw} or {@code auto} from the URL
     * @param uploadId      {@code X-Unique-Upload-Id} header
     * @param contentRange  {@code Content-Range} header
     * @return the JSON body of the 200 answer
     */
    public Map<String, Object> upload(String resourceType, Params params, Optional<String> uploadId,
                                      Optional<String> contentRange) {
        SignedRequests.verify(params, credentials, Instant.now(), true);
        List<Transformation> eager = parseEager(params);
        UploadedFile file = IncomingFile.of(params, store.tempDir(), maxUploadBytes);
        Optional<String> fixedPublicId = Optional.empty();
        if (contentRange.isPresent()) {
            String id = ChunkSessions.checkUploadId(uploadId.orElseThrow(
                    () -> ApiException.badRequest("Chunked uploads need an X-Unique-Upload-Id header")));
            ContentRange range = ContentRange.parse(contentRange.get());
            String publicId = Naming.publicId(params, resourceType, file.filename());
            if ("raw".equals(resourceType)) {
                // A raw file's format is its name's: refuse on the first chunk rather than after every byte was sent.
                Detector.checkAllowedFormats(params, Optional.empty(),
                        Naming.rawFormat(Naming.declaredName(params, file.filename()), publicId));
            }
            ChunkSessions.Result result = chunks.accept(id, range, file, publicId);
            if (result instanceof ChunkSessions.Partial partial) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("done", false);
                body.put("bytes", partial.received());
                body.put("public_id", partial.publicId());
                return body;
            }
            ChunkSessions.Complete complete = (ChunkSessions.Complete) result;
            file = complete.file();
            fixedPublicId = Optional.of(complete.publicId());
        }
        if (params.flag("async", false)) {
            String name = Naming.declaredName(params, file.filename());
            String publicId = fixedPublicId.orElseGet(() -> Naming.publicId(params, resourceType, name));
            return asyncUploads.submit(publicId, resourceType, UploadParams.type(params.get("type")), file,
                    kept -> store(plan(resourceType, params, eager, kept, Optional.of(publicId)), params, kept));
        }
        try {
            return store(plan(resourceType, params, eager, file, fixedPublicId), params, file);
        } finally {
            file.discard();
        }
    }

    /** Decides everything about the upload, refusing it (before anything is stored) when it cannot be done. */
    private UploadPlan plan(String requestedType, Params params, List<Transformation> eager, UploadedFile file,
                            Optional<String> fixedPublicId) {
        if (file.size() == 0) {
            throw ApiException.badRequest("Empty file");
        }
        if (file.size() > maxUploadBytes) {
            throw ApiException.badRequest("File size too large. Got " + file.size() + ". Maximum is " + maxUploadBytes + ".");
        }
        String type = UploadParams.type(params.get("type"));
        Optional<Probe> probed = detector.detect(requestedType, file.path());
        String resourceType = Detector.resourceType(probed);
        String declared = Naming.declaredName(params, file.filename());
        String publicId = fixedPublicId.orElseGet(() -> Naming.publicId(params, resourceType, declared));
        String format = probed.map(Probe::format).orElseGet(() -> Naming.rawFormat(declared, publicId));
        Detector.checkAllowedFormats(params, probed, format);
        if (probed.isEmpty() && !UploadParams.formats(params.get("allowed_formats")).isEmpty()) {
            RawContent.check(format, file.path()); // a document restricted by format must be that format
        }
        List<String> eagerFormats = new ArrayList<>();
        for (Transformation t : eager) {
            try {
                eagerFormats.add(Transformations.check(t, Detector.kind(probed), format));
            } catch (TransformationException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        Optional<String> notificationUrl = UploadParams.notificationUrl(params.get("notification_url"), "notification_url");
        Optional<String> eagerNotificationUrl = UploadParams.notificationUrl(params.get("eager_notification_url"),
                "eager_notification_url").or(() -> notificationUrl);
        return new UploadPlan(resourceType, type, publicId, declared, probed, format, eager, eagerFormats, notificationUrl,
                eagerNotificationUrl, params.flag("overwrite", true), params.flag("eager_async", false),
                UploadParams.tokenOnly(params.get("access_control")));
    }

    private Map<String, Object> store(UploadPlan plan, Params params, UploadedFile file) {
        String requestId = Digests.randomHex(16);
        AssetKey key = new AssetKey(plan.resourceType(), plan.type(), plan.publicId());
        Asset asset;
        ReentrantLock lock = store.lock(key);
        lock.lock();
        try {
            Optional<Asset> existing = store.find(key);
            if (existing.isPresent() && !plan.overwrite()) {
                Map<String, Object> body = views.asset(existing.get());
                body.put("existing", true);
                plan.notificationUrl().ifPresent(url -> notifier.send(url, views.notification("upload", body, requestId)));
                return body;
            }
            asset = newAsset(plan, params, file, existing, requestId);
            store.put(asset, file.path());
        } finally {
            lock.unlock();
        }
        Map<String, Object> body = views.asset(asset);
        if (!plan.eager().isEmpty()) {
            body.put("eager", plan.async()
                    ? eagerResults.processing(asset, plan.eager(), plan.eagerFormats(), asset.pending().get(0).batchId())
                    : eagerResults.synchronous(asset, plan.eager(), plan.eagerFormats()));
        }
        plan.notificationUrl().ifPresent(url -> notifier.send(url, views.notification("upload", body, requestId)));
        if (plan.eagerInBackground()) {
            batches.submit(asset, asset.pending().get(0));
        }
        return body;
    }

    private static Asset newAsset(UploadPlan plan, Params params, UploadedFile file, Optional<Asset> existing, String requestId) {
        long now = Instant.now().getEpochSecond();
        long version = existing.map(a -> Math.max(now, a.version() + 1)).orElse(now);
        String folder = params.get("folder").map(f -> UploadParams.path(f, "folder")).orElse("");
        String publicId = plan.publicId();
        String originalFilename = Naming.originalFilename(plan.declaredName());
        String displayName = params.get("display_name").orElse(publicId.substring(publicId.lastIndexOf('/') + 1));
        List<PendingBatch> pending = new ArrayList<>();
        if (plan.eagerInBackground()) {
            pending.add(new PendingBatch(Digests.randomHex(16), requestId,
                    plan.eager().stream().map(Transformation::requested).toList(), plan.eagerNotificationUrl().orElse(""), version));
        }
        Optional<Probe> probed = plan.probed();
        String format = plan.format();
        return new Asset(existing.map(Asset::assetId).orElseGet(() -> Digests.randomHex(16)), plan.resourceType(), plan.type(),
                publicId, version, Digests.randomHex(16), format, file.size(),
                probed.map(Probe::width).orElse(0), probed.map(Probe::height).orElse(0),
                probed.map(Probe::duration).orElse(0.0), probed.map(p -> p.kind() == Probe.Kind.AUDIO).orElse(false),
                probed.map(Probe::pages).orElse(0), IncomingFile.md5(file.path()),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), UploadParams.tags(params.get("tags")),
                UploadParams.context(params.get("context")), originalFilename, params.get("asset_folder").orElse(folder),
                displayName, probed.map(Probe::media).orElse(Map.of()),
                "original" + (format.isEmpty() ? "" : "." + format), pending, plan.tokenOnly());
    }

    @Override
    public void close() {
        asyncUploads.close();
    }

    private static List<Transformation> parseEager(Params params) {
        Optional<String> eager = params.get("eager");
        if (eager.isEmpty()) {
            return List.of();
        }
        // The SDK joins a list of eager transformations with '|', but array-style fields arrive comma-joined.
        List<String> all = params.all("eager");
        String joined = all.size() > 1 ? String.join("|", all) : eager.get();
        try {
            return TransformationParser.parseEager(joined);
        } catch (TransformationException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
