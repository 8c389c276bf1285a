package com.chirpchat.emulator.upload;

import com.chirpchat.emulator.auth.Digests;
import com.chirpchat.emulator.auth.Randoms;
import com.chirpchat.emulator.auth.SignedRequests;
import com.chirpchat.emulator.derive.Derivation;
import com.chirpchat.emulator.derive.DerivationService;
import com.chirpchat.emulator.notify.Notifier;
import com.chirpchat.emulator.probe.MediaProbe;
import com.chirpchat.emulator.probe.Probe;
import com.chirpchat.emulator.probe.ProbeException;
import com.chirpchat.emulator.settings.ChunkSettings;
import com.chirpchat.emulator.settings.Credentials;
import com.chirpchat.emulator.store.Asset;
import com.chirpchat.emulator.store.AssetKey;
import com.chirpchat.emulator.store.AssetStore;
import com.chirpchat.emulator.store.PendingBatch;
import com.chirpchat.emulator.transform.SourceKind;
import com.chirpchat.emulator.transform.Transformation;
import com.chirpchat.emulator.transform.TransformationException;
import com.chirpchat.emulator.transform.TransformationParser;
import com.chirpchat.emulator.transform.Transformations;
import com.chirpchat.emulator.view.AssetViews;
import com.chirpchat.emulator.web.ApiException;
import com.chirpchat.emulator.web.Params;
import com.chirpchat.emulator.web.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The upload API: authenticates, assembles chunks, detects what the file really is, stores it, runs or queues
 * eager transformations and sends notifications.
 */
public final class UploadService {

    private final Credentials credentials;
    private final AssetStore store;
    private final MediaProbe probe;
    private final DerivationService derivations;
    private final EagerBatches batches;
    private final Notifier notifier;
    private final AssetViews views;
    private final ChunkSessions chunks;
    private final long maxUploadBytes;

    public UploadService(Credentials credentials, AssetStore store, MediaProbe probe, DerivationService derivations,
                         EagerBatches batches, Notifier notifier, AssetViews views,
                         ChunkSettings chunkSettings, long maxUploadBytes) {
        this.credentials = credentials;
        this.store = store;
        this.probe = probe;
        this.derivations = derivations;
        this.batches = batches;
        this.notifier = notifier;
        this.views = views;
        this.chunks = new ChunkSessions(store, chunkSettings, maxUploadBytes);
        this.maxUploadBytes = maxUploadBytes;
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
        UploadedFile file = file(params);
        Optional<String> fixedPublicId = Optional.empty();
        if (contentRange.isPresent()) {
            String id = ChunkSessions.checkUploadId(uploadId.orElseThrow(
                    () -> ApiException.badRequest("Chunked uploads need an X-Unique-Upload-Id header")));
            ContentRange range = ContentRange.parse(contentRange.get());
            String publicId = publicId(params, resourceType, file.filename());
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
        try {
            return store(resourceType, params, eager, file, fixedPublicId);
        } finally {
            file.discard();
        }
    }

    private Map<String, Object> store(String requestedType, Params params, List<Transformation> eager, UploadedFile file,
                                      Optional<String> fixedPublicId) {
        if (file.size() > maxUploadBytes) {
            throw ApiException.badRequest("File size too large. Got " + file.size() + ". Maximum is " + maxUploadBytes + ".");
        }
        String type = UploadParams.type(params.get("type"));
        Optional<Probe> probed = detect(requestedType, file.path());
        String resourceType = probed.map(p -> p.kind() == Probe.Kind.IMAGE ? "image" : "video").orElse("raw");
        String publicId = fixedPublicId.orElseGet(() -> publicId(params, resourceType, file.filename()));
        String format = probed.map(Probe::format).orElse("");
        checkAllowedFormats(params, probed, file.filename(), publicId);
        SourceKind kind = probed.map(p -> switch (p.kind()) {
            case IMAGE -> SourceKind.IMAGE;
            case VIDEO -> SourceKind.VIDEO;
            case AUDIO -> SourceKind.AUDIO;
        }).orElse(SourceKind.RAW);
        List<String> eagerFormats = new ArrayList<>();
        for (Transformation t : eager) {
            try {
                eagerFormats.add(Transformations.check(t, kind, format));
            } catch (TransformationException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        Optional<String> notificationUrl = UploadParams.notificationUrl(params.get("notification_url"), "notification_url");
        Optional<String> eagerNotificationUrl = UploadParams.notificationUrl(params.get("eager_notification_url"),
                "eager_notification_url").or(() -> notificationUrl);
        boolean overwrite = params.flag("overwrite", true);
        boolean async = params.flag("eager_async", false);
        String requestId = Digests.randomHex(16);
        AssetKey key = new AssetKey(resourceType, type, publicId);

        Asset asset;
        ReentrantLock lock = store.lock(key);
        lock.lock();
        try {
            Optional<Asset> existing = store.find(key);
            if (existing.isPresent() && !overwrite) {
                Map<String, Object> body = views.asset(existing.get());
                body.put("existing", true);
                notificationUrl.ifPresent(url -> notifier.send(url, views.notification("upload", body, requestId)));
                return body;
            }
            long now = Instant.now().getEpochSecond();
            long version = existing.map(a -> Math.max(now, a.version() + 1)).orElse(now);
            String folder = params.get("folder").map(f -> UploadParams.path(f, "folder")).orElse("");
            String originalFilename = stripExtension(file.filename().isEmpty() ? "file" : file.filename());
            String displayName = params.get("display_name").orElse(publicId.substring(publicId.lastIndexOf('/') + 1));
            String assetFolder = params.get("asset_folder").orElse(folder);
            List<PendingBatch> pending = new ArrayList<>();
            String batchId = Digests.randomHex(16);
            if (async && !eager.isEmpty()) {
                pending.add(new PendingBatch(batchId, requestId, eager.stream().map(Transformation::requested).toList(),
                        eagerNotificationUrl.orElse(""), version));
            }
            asset = new Asset(existing.map(Asset::assetId).orElseGet(() -> Digests.randomHex(16)), resourceType, type,
                    publicId, version, Digests.randomHex(16), format, file.size(),
                    probed.map(Probe::width).orElse(0), probed.map(Probe::height).orElse(0),
                    probed.map(Probe::duration).orElse(0.0), probed.map(p -> p.kind() == Probe.Kind.AUDIO).orElse(false),
                    probed.map(Probe::pages).orElse(0), md5(file.path()),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), UploadParams.tags(params.get("tags")),
                    UploadParams.context(params.get("context")), originalFilename, assetFolder, displayName,
                    probed.map(Probe::media).orElse(Map.of()),
                    "original" + (format.isEmpty() ? extension(file.filename()) : "." + format), pending);
            store.put(asset, file.path());
        } finally {
            lock.unlock();
        }

        Map<String, Object> body = views.asset(asset);
        if (!eager.isEmpty()) {
            body.put("eager", async ? processing(asset, eager, eagerFormats, asset.pending().get(0).batchId())
                    : synchronous(asset, eager, eagerFormats));
        }
        notificationUrl.ifPresent(url -> notifier.send(url, views.notification("upload", body, requestId)));
        if (async && !eager.isEmpty()) {
            batches.submit(asset, asset.pending().get(0));
        }
        return body;
    }

    private List<Map<String, Object>> processing(Asset asset, List<Transformation> eager, List<String> formats, String batchId) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < eager.size(); i++) {
            Transformation t = eager.get(i);
            items.add(views.eagerProcessing(asset, t.requested(), t.canonical(), formats.get(i), batchId));
        }
        return items;
    }

    private List<Map<String, Object>> synchronous(Asset asset, List<Transformation> eager, List<String> formats) {
        List<CompletableFuture<Derivation>> futures = new ArrayList<>();
        for (int i = 0; i < eager.size(); i++) {
            futures.add(derivations.derive(asset, eager.get(i), formats.get(i)));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < eager.size(); i++) {
            Derivation d = derivations.deriveAndWait(asset, eager.get(i), formats.get(i));
            if (!d.ok()) {
                // Cloudinary fails the whole synchronous upload when an eager transformation cannot be made.
                store.delete(asset.key());
                throw ApiException.badRequest("Eager transformation " + eager.get(i).requested() + " failed: " + d.error());
            }
            items.add(views.eagerDone(asset, eager.get(i).requested(), d.derived().get()));
        }
        return items;
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

    private Optional<Probe> detect(String requestedType, Path file) {
        try {
            return switch (requestedType) {
                case "image" -> Optional.of(probe.image(file).orElseThrow(() -> ApiException.badRequest("Invalid image file")));
                case "video" -> Optional.of(probe.audioVisual(file));
                case "raw" -> Optional.empty();
                default -> { // auto
                    Optional<Probe> image = probe.image(file);
                    if (image.isPresent()) {
                        yield image;
                    }
                    try {
                        yield Optional.of(probe.audioVisual(file));
                    } catch (ProbeException e) {
                        if (e.serverSide()) {
                            throw e;
                        }
                        yield Optional.empty();
                    }
                }
            };
        } catch (ProbeException e) {
            throw e.serverSide() ? ApiException.internal(e.getMessage()) : ApiException.badRequest(e.getMessage());
        }
    }

    private static void checkAllowedFormats(Params params, Optional<Probe> probed, String filename, String publicId) {
        List<String> allowed = UploadParams.formats(params.get("allowed_formats"));
        if (allowed.isEmpty()) {
            return;
        }
        String format = probed.map(Probe::format)
                .orElseGet(() -> extension(filename.isEmpty() ? publicId : filename).replace(".", "").toLowerCase(Locale.ROOT));
        if (!allowed.contains(format)) {
            String kind = probed.map(p -> p.kind() == Probe.Kind.IMAGE ? "Image" : "Video").orElse("Raw");
            throw ApiException.badRequest(kind + " file format " + (format.isEmpty() ? "(none)" : format) + " not allowed");
        }
    }

    private static String publicId(Params params, String requestedType, String filename) {
        Optional<String> folder = params.get("folder").map(f -> UploadParams.path(f, "folder"));
        String id = params.get("public_id").map(p -> UploadParams.path(p, "public_id")).orElseGet(() -> {
            String base;
            if (params.flag("use_filename", false) && !filename.isEmpty()) {
                base = stripExtension(filename).replaceAll("[^A-Za-z0-9_.-]", "_");
                if (base.isEmpty()) {
                    base = Randoms.publicId();
                } else if (params.flag("unique_filename", true)) {
                    base = base + "_" + Randoms.publicId().substring(0, 6);
                }
            } else {
                base = Randoms.publicId();
            }
            // Raw files keep their extension in the public id, as on Cloudinary.
            return "raw".equals(requestedType) ? base + extension(filename) : base;
        });
        return folder.map(f -> f + "/" + id).orElse(id);
    }

    private UploadedFile file(Params params) {
        if (params.file().isPresent()) {
            return params.file().get();
        }
        String value = params.get("file").orElseThrow(() -> ApiException.badRequest("Missing required parameter - file"));
        if (value.startsWith("http://") || value.startsWith("https://") || value.startsWith("s3://") || value.startsWith("gs://")) {
            throw ApiException.badRequest("Remote URLs are not supported by the emulator; upload the file's bytes");
        }
        if (!value.startsWith("data:") || !value.contains(",")) {
            throw ApiException.badRequest("Invalid file parameter: send a multipart file part or a base64 data URI");
        }
        String meta = value.substring(5, value.indexOf(','));
        if (!meta.endsWith(";base64")) {
            throw ApiException.badRequest("Invalid data URI: only base64 data URIs are supported");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(value.substring(value.indexOf(',') + 1));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid data URI: " + e.getMessage());
        }
        if (bytes.length > maxUploadBytes) {
            throw ApiException.badRequest("File size too large. Got " + bytes.length + ". Maximum is " + maxUploadBytes + ".");
        }
        try {
            Path temp = Files.createTempFile(store.tempDir(), "upload-", ".part");
            Files.write(temp, bytes);
            return new UploadedFile(temp, "file", bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String md5(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("MD5"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String stripExtension(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot > 0 ? filename.substring(0, dot) : filename;
    }

    /** @return ".ext" of a file name, or "" */
    static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        int slash = filename.lastIndexOf('/');
        if (dot <= slash + 1 || dot == filename.length() - 1) {
            return "";
        }
        String ext = filename.substring(dot).toLowerCase(Locale.ROOT);
        return ext.matches("\\.[a-z0-9]{1,10}") ? ext : "";
    }
}
