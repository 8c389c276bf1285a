package com.chirpchat.emulator.delivery;

import com.chirpchat.emulator.auth.AuthTokens;
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
import com.chirpchat.emulator.web.Cors;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves delivery URLs: originals, derived files (produced on first request when they were not eager), and the
 * parts of HLS/DASH outputs, with Cloudinary's access rules for {@code upload}, {@code private} and
 * {@code authenticated} assets.
 */
public final class DeliveryEndpoint {

    private static final System.Logger LOG = System.getLogger(DeliveryEndpoint.class.getName());
    private static final Pattern PART_SEGMENT = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private final Credentials credentials;
    private final AssetStore store;
    private final DerivationService derivations;
    private final FaultSwitch faults;
    private final AccessControl access;
    private final boolean strictTransformations;

    /**
     * @param clock                 tells when tokens expire (the emulator's clock, which tests may set)
     * @param strictTransformations deliver only derived files that exist (made eagerly at upload); render nothing on
     *                              request unless the URL is signed, as Cloudinary's account setting does
     */
    public DeliveryEndpoint(Credentials credentials, AssetStore store, DerivationService derivations, FaultSwitch faults,
                            Clock clock, boolean strictTransformations) {
        this.strictTransformations = strictTransformations;
        this.credentials = credentials;
        this.store = store;
        this.derivations = derivations;
        this.faults = faults;
        this.access = new AccessControl(credentials, clock);
    }

    /** The asset a path designates and how the path splits into id and part. */
    private record Target(Asset asset, int idSegments, String extension, List<String> part) {
    }

    public void handle(ServerRequest req, ServerResponse res) {
        faults.stallIfConfigured(FaultSwitch.Scope.DELIVERY);
        Cors.addHeaders(res);
        try {
            serve(req, res);
        } catch (DeliveryDenied e) {
            deny(res, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Delivery of " + req.path().rawPath() + " failed", e);
            if (!res.isSent()) {
                deny(res, 500, "Internal error");
            }
        }
    }

    private void serve(ServerRequest req, ServerResponse res) {
        String rawPath = req.path().rawPath();
        DeliveryPath path = DeliveryPath.parse(rawPath, credentials.cloudName())
                .orElseThrow(() -> new DeliveryDenied(404, "Resource not found"));
        Target target = resolve(path).orElseThrow(() -> new DeliveryDenied(404, "Resource not found"));
        Asset asset = target.asset();

        List<String> steps = new ArrayList<>();
        boolean attachment = false;
        for (String segment : path.transformation()) {
            List<String> kept = new ArrayList<>();
            for (String token : AuthTokens.percentDecode(segment).split(",")) {
                if (token.equals("fl_attachment") || token.startsWith("fl_attachment:")) {
                    attachment = true;
                } else {
                    kept.add(token);
                }
            }
            if (!kept.isEmpty()) {
                steps.add(String.join(",", kept));
            }
        }
        String ext = target.extension();
        boolean original = steps.isEmpty() && target.part().isEmpty()
                && (ext.isEmpty() || ext.equalsIgnoreCase(asset.format()) || (ext.equals("jpeg") && asset.format().equals("jpg")));
        Access granted = access.check(req, path, target.idSegments(), !original, asset.tokenOnly());
        res.header(HeaderNames.CACHE_CONTROL, "upload".equals(asset.type()) ? "public, max-age=2592000" : "private, no-store");
        String downloadName = asset.publicId().substring(asset.publicId().lastIndexOf('/') + 1);

        if (original) {
            boolean raw = "raw".equals(asset.resourceType());
            if (attachment || raw) {
                res.header(HeaderNames.CONTENT_DISPOSITION, Attachments.disposition("attachment",
                        raw ? Attachments.rawName(asset) : downloadName + "." + asset.format()));
            }
            FileSender.file(req, res, store.original(asset), raw ? Attachments.rawType(asset) : ContentTypes.of("x." + asset.format()));
            return;
        }

        Transformation t;
        String format;
        try {
            t = TransformationParser.parseDelivery(steps, ext);
            format = DerivationService.outputFormat(asset, t);
        } catch (TransformationException e) {
            throw new DeliveryDenied(400, e.getMessage());
        }
        Derived derived = derivations.existing(asset, t, format).orElseGet(() -> {
            if (strictTransformations && granted.via() != Access.Via.SIGNATURE) {
                // Cloudinary's strict transformations: a derivation that was not made eagerly is refused, and
                // nothing is rendered for it (a token opens files, it does not order new ones)
                throw new DeliveryDenied(401, "Transformation " + String.join("/", steps) + (ext.isEmpty() ? "" : "/" + ext)
                        + " is not allowed: strict transformations are on (only eager or signed derivations are delivered)");
            }
            if ("private".equals(asset.type()) && !granted.authorized()) {
                // Like strict transformations: new derivations of private assets need a signed URL.
                throw new DeliveryDenied(401, "Derived resource not generated; a signed URL is required to create it");
            }
            Derivation d = derivations.deriveAndWait(asset, t, format);
            return d.derived().orElseThrow(() -> new DeliveryDenied(400, "Error in processing: " + d.error()));
        });
        Path folder = store.derivedFolder(asset, derived.key());
        if (attachment) {
            res.header(HeaderNames.CONTENT_DISPOSITION, Attachments.disposition("attachment", downloadName + "." + format));
        }
        if (target.part().isEmpty()) {
            Path main = folder.resolve(derived.mainFile());
            if (format.equals("m3u8") || format.equals("mpd")) {
                String prefix = path.rest().get(target.idSegments() - 1) + "/";
                String query = partQuery(granted, rawPath, path.prefix());
                sendManifest(req, res, main, format, prefix, query);
                return;
            }
            FileSender.file(req, res, main, ContentTypes.of(derived.mainFile()));
            return;
        }
        if (!format.equals("m3u8") && !format.equals("mpd")) {
            throw new DeliveryDenied(404, "Resource not found");
        }
        Path part = folder;
        for (String segment : target.part()) {
            if (!PART_SEGMENT.matcher(segment).matches() || segment.startsWith(".")) {
                throw new DeliveryDenied(404, "Resource not found");
            }
            part = part.resolve(segment);
        }
        if (!part.normalize().startsWith(folder) || !Files.isRegularFile(part) || part.getFileName().toString().equals("derived.json")) {
            throw new DeliveryDenied(404, "Resource not found");
        }
        String name = part.getFileName().toString();
        if (name.endsWith(".m3u8") && granted.via() == Access.Via.QUERY_TOKEN) {
            String manifestPath = rawPath.substring(0, rawPath.length() - ("/" + String.join("/", target.part())).length());
            sendManifest(req, res, part, "m3u8", "", partQuery(granted, manifestPath, path.prefix()));
            return;
        }
        FileSender.file(req, res, part, ContentTypes.of(name));
    }

    /** The query that lets a player fetch a manifest's parts with the same authority as the manifest. */
    private String partQuery(Access granted, String manifestRawPath, String prefix) {
        if (granted.via() != Access.Via.QUERY_TOKEN || granted.token().isEmpty()) {
            return "";
        }
        AuthTokens.Token token = granted.token().get();
        List<String> probe = AccessControl.candidatePaths(manifestRawPath + "/part", prefix);
        String value = !token.acls().isEmpty() && AuthTokens.covers(token.acls(), probe)
                ? token.value()
                : AuthTokens.mint(credentials.tokenKeyBytes(), manifestRawPath + "/*", token.start(), token.expiry());
        return "?" + AuthTokens.NAME + "=" + value;
    }

    private static void sendManifest(ServerRequest req, ServerResponse res, Path file, String format, String prefix, String query) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String rewritten = format.equals("m3u8") ? ManifestRewriter.hls(text, prefix, query) : ManifestRewriter.dash(text, prefix, query);
        FileSender.bytes(req, res, rewritten.getBytes(StandardCharsets.UTF_8), ContentTypes.of("x." + format));
    }

    private Optional<Target> resolve(DeliveryPath path) {
        List<String> rest = path.rest();
        for (int count = rest.size(); count >= 1; count--) {
            List<String> part = rest.subList(count, rest.size());
            String last = rest.get(count - 1).toLowerCase(Locale.ROOT);
            if (!part.isEmpty() && !(last.endsWith(".m3u8") || last.endsWith(".mpd"))) {
                continue;
            }
            String id = AuthTokens.percentDecode(String.join("/", rest.subList(0, count)));
            Optional<Target> found = lookup(path, id, count, part);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<Target> lookup(DeliveryPath path, String id, int count, List<String> part) {
        if ("raw".equals(path.resourceType())) {
            return store.find(new AssetKey("raw", path.type(), id)).map(a -> new Target(a, count, "", List.copyOf(part)));
        }
        int slash = id.lastIndexOf('/');
        int dot = id.lastIndexOf('.');
        if (dot > slash + 1 && dot < id.length() - 1) {
            String ext = id.substring(dot + 1).toLowerCase(Locale.ROOT);
            Optional<Asset> a = store.find(new AssetKey(path.resourceType(), path.type(), id.substring(0, dot)));
            if (a.isPresent()) {
                return Optional.of(new Target(a.get(), count, ext, List.copyOf(part)));
            }
        }
        if (!part.isEmpty()) {
            return Optional.empty();
        }
        return store.find(new AssetKey(path.resourceType(), path.type(), id)).map(a -> new Target(a, count, "", List.of()));
    }

    private static void deny(ServerResponse res, int status, String reason) {
        res.status(status);
        res.header(HeaderNames.create("X-Cld-Error"), reason);
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.send((reason + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
