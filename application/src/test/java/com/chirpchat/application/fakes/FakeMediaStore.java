package com.chirpchat.application.fakes;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.media.MediaLinks;
import com.chirpchat.application.media.MediaNotification;
import com.chirpchat.application.media.MediaStore;
import com.chirpchat.application.media.MediaStoreException;
import com.chirpchat.application.media.RawNotification;
import com.chirpchat.application.media.SignedUpload;
import com.chirpchat.application.media.UploadSpec;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.MediaVariants;
import com.chirpchat.domain.media.ResourceType;

/**
 * A media store in memory that keeps the media-store contract ({@code MediaStoreContract}): signed uploads land
 * where their spec says, in one of its formats (probed from the content, as the real store does), the store then
 * reports the upload and its processing through notifications signed over body and timestamp, links expire, and
 * destroy removes the file. Tests may also register any notification with {@link #notification}: those carry the
 * fixed token {@link #GOOD_SIGNATURE} (or the timestamp {@link #STALE_TIMESTAMP}) instead. Destroys can be made to
 * fail a number of times.
 */
public final class FakeMediaStore implements MediaStore {
    public static final String GOOD_SIGNATURE = "good";
    public static final String STALE_TIMESTAMP = "stale";
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final byte[] SECRET = "fake-store-secret".getBytes(StandardCharsets.UTF_8);

    private final Clock clock;
    private final Map<String, MediaNotification> notifications = new ConcurrentHashMap<>();
    private final Map<String, ResourceType> stored = new ConcurrentHashMap<>();
    public final List<UploadSpec> signed = new CopyOnWriteArrayList<>();
    public final List<String> destroyed = new CopyOnWriteArrayList<>();
    /** Every notification the store sent about an upload, as the webhook received it. */
    public final List<RawNotification> sent = new CopyOnWriteArrayList<>();
    public final AtomicInteger destroyFailuresLeft = new AtomicInteger();
    /** Destroys wait for this latch before doing anything (a destroy in flight); open by default. */
    public volatile CountDownLatch destroyGate = new CountDownLatch(0);
    /** Destroys begun, finished or not. */
    public final AtomicInteger destroysStarted = new AtomicInteger();
    public volatile boolean reachable = true;

    public FakeMediaStore(Clock clock) {
        this.clock = clock;
    }

    /** Makes {@code notification} readable; returns the raw form the store would send (signed with the fixed token). */
    public RawNotification notification(MediaNotification notification) {
        notifications.put(notification.id(), notification);
        return new RawNotification(notification.id().getBytes(StandardCharsets.UTF_8), "0", GOOD_SIGNATURE);
    }

    /** {@code body} as the store would sign it, sent at {@code epochSecond}. */
    public RawNotification signedAt(byte[] body, long epochSecond) {
        String timestamp = Long.toString(epochSecond);
        return new RawNotification(body, timestamp, hex(digest(body, timestamp.getBytes(StandardCharsets.US_ASCII))));
    }

    @Override
    public SignedUpload signUpload(UploadSpec spec) {
        signed.add(spec);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("public_id", spec.name());
        params.put("folder", spec.folder());
        return new SignedUpload(URI.create("https://upload.test/" + spec.type().wireName()), "test-cloud", "key",
                                clock.instant().getEpochSecond(), signature(spec.assetKey()), "sha1", params);
    }

    /**
     * Takes a client's upload of {@code file} as the store would: only as this store signed it (the place unchanged)
     * and in a format its spec allows, probed from the content. Then it reports the upload and, for types with
     * variants, processing (all expected variants made). Returns whether the upload was taken.
     */
    public boolean upload(SignedUpload upload, String fileName, byte[] file) {
        String key = upload.params().get("folder") + "/" + upload.params().get("public_id");
        Optional<UploadSpec> spec = signed.stream().filter(s -> s.assetKey().equals(key)).reduce((first, later) -> later);
        if (spec.isEmpty() || !upload.signature().equals(signature(key))) {
            return false;
        }
        String format = probe(file).orElseGet(() -> extension(fileName));
        if (!spec.get().allowedFormats().contains(format)) {
            return false;
        }
        ResourceType type = spec.get().type();
        stored.put(key, type);
        MediaFacts facts = new MediaFacts(Optional.of(format), OptionalLong.of(file.length), dimension(file, 16), dimension(file, 20),
                                          OptionalDouble.empty());
        send(id -> new MediaNotification.Uploaded(id, key, facts, Optional.empty()), "upload:" + key);
        if (!MediaVariants.expected(type).isEmpty()) {
            send(id -> new MediaNotification.Processed(id, key, MediaVariants.expected(type)), "eager:" + key);
        }
        return true;
    }

    /** Whether a link serves its file right now: the file is stored and the link has not expired. */
    public boolean serves(URI url) {
        String path = url.getPath().substring(1);
        long expires = Long.parseLong(url.getQuery().substring("exp=".length()));
        boolean stillValid = clock.instant().getEpochSecond() < expires;
        return stillValid && stored.keySet().stream().anyMatch(key -> path.equals(key) || path.startsWith(key + "/"));
    }

    @Override
    public MediaNotification readNotification(RawNotification raw) {
        if (!GOOD_SIGNATURE.equals(raw.signature())) {
            verify(raw);
        } else if (STALE_TIMESTAMP.equals(raw.timestamp())) {
            throw new UseCaseException(ErrorCode.STALE_REQUEST, "stale");
        }
        MediaNotification known = notifications.get(new String(raw.body(), StandardCharsets.UTF_8));
        if (known == null) {
            throw UseCaseException.invalid("unreadable notification");
        }
        return known;
    }

    @Override
    public MediaLinks links(MediaAsset asset, Duration lifetime) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        Map<String, MediaLinks.Link> variants = new LinkedHashMap<>();
        for (String variant : asset.madeVariants()) {
            variants.put(variant, link(asset.assetKey() + "/" + variant, expires));
        }
        return new MediaLinks(clock.instant().plus(lifetime), link(asset.assetKey(), expires), variants);
    }

    @Override
    public void destroy(String assetKey, ResourceType type) {
        destroysStarted.incrementAndGet();
        try {
            destroyGate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaStoreException("interrupted");
        }
        if (destroyFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new MediaStoreException("store unavailable");
        }
        stored.remove(assetKey, type);
        destroyed.add(assetKey);
    }

    @Override
    public boolean reachable() {
        return reachable;
    }

    private void send(java.util.function.Function<String, MediaNotification> notification, String what) {
        byte[] body = (what + "#" + sent.size()).getBytes(StandardCharsets.UTF_8);
        notifications.put(new String(body, StandardCharsets.UTF_8), notification.apply(new String(body, StandardCharsets.UTF_8)));
        sent.add(signedAt(body, clock.instant().getEpochSecond()));
    }

    private void verify(RawNotification raw) {
        if (!raw.timestamp().matches("[0-9]{1,18}")) {
            throw new UseCaseException(ErrorCode.INVALID_SIGNATURE, "missing or malformed timestamp");
        }
        if (!MessageDigest.isEqual(signedAt(raw.body(), Long.parseLong(raw.timestamp())).signature().getBytes(StandardCharsets.US_ASCII),
                                   raw.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw new UseCaseException(ErrorCode.INVALID_SIGNATURE, "the signature does not match the body");
        }
        if (Math.abs(clock.instant().getEpochSecond() - Long.parseLong(raw.timestamp())) > WINDOW.toSeconds()) {
            throw new UseCaseException(ErrorCode.STALE_REQUEST, "the notification is outside the window");
        }
    }

    /** What a signed upload carries: the place it may land, which the store alone can vouch for. */
    private static String signature(String assetKey) {
        return "sig-" + assetKey;
    }

    private static byte[] digest(byte[] body, byte[] timestamp) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(body);
            digest.update(timestamp);
            digest.update(SECRET);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The format the content shows, as the real store probes it: PNG and JPEG by their signatures. */
    private static Optional<String> probe(byte[] file) {
        if (file.length > 24 && Arrays.equals(file, 0, 4, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 0, 4)) {
            return Optional.of("png");
        }
        if (file.length > 3 && (file[0] & 0xff) == 0xff && (file[1] & 0xff) == 0xd8) {
            return Optional.of("jpg");
        }
        return Optional.empty();
    }

    /** A PNG's width (offset 16) or height (offset 20) from its header; nothing for other files. */
    private static OptionalInt dimension(byte[] file, int offset) {
        return probe(file).filter("png"::equals).map(png -> OptionalInt.of(ByteBuffer.wrap(file, offset, 4).getInt()))
                .orElse(OptionalInt.empty());
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static MediaLinks.Link link(String path, long expires) {
        return new MediaLinks.Link(URI.create("https://media.test/" + path + "?exp=" + expires), Optional.empty(),
                                   OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty());
    }
}
