package com.chirpchat.application.fakes;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
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
import com.chirpchat.domain.media.ResourceType;

/**
 * A media store in memory. Notifications are registered by tests with {@link #notification}; a raw notification
 * whose body is that id, signed "good", reads back as it. Destroys can be made to fail a number of times.
 */
public final class FakeMediaStore implements MediaStore {
    public static final String GOOD_SIGNATURE = "good";
    public static final String STALE_TIMESTAMP = "stale";

    private final Clock clock;
    private final Map<String, MediaNotification> notifications = new ConcurrentHashMap<>();
    public final List<UploadSpec> signed = new CopyOnWriteArrayList<>();
    public final List<String> destroyed = new CopyOnWriteArrayList<>();
    public final AtomicInteger destroyFailuresLeft = new AtomicInteger();
    public volatile boolean reachable = true;

    public FakeMediaStore(Clock clock) {
        this.clock = clock;
    }

    /** Makes {@code notification} readable; returns the raw form the store would send. */
    public RawNotification notification(MediaNotification notification) {
        notifications.put(notification.id(), notification);
        return new RawNotification(notification.id().getBytes(StandardCharsets.UTF_8), "0", GOOD_SIGNATURE);
    }

    @Override
    public SignedUpload signUpload(UploadSpec spec) {
        signed.add(spec);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("public_id", spec.name());
        params.put("folder", spec.folder());
        return new SignedUpload(URI.create("https://upload.test/" + spec.type().wireName()), "test-cloud", "key",
                                clock.instant().getEpochSecond(), "sig-" + spec.assetKey(), "sha1", params);
    }

    @Override
    public MediaNotification readNotification(RawNotification raw) {
        if (!GOOD_SIGNATURE.equals(raw.signature())) {
            throw new UseCaseException(ErrorCode.INVALID_SIGNATURE, "bad signature");
        }
        if (STALE_TIMESTAMP.equals(raw.timestamp())) {
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

    private static MediaLinks.Link link(String path, long expires) {
        return new MediaLinks.Link(URI.create("https://media.test/" + path + "?exp=" + expires), Optional.empty(),
                                   OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    @Override
    public void destroy(String assetKey, ResourceType type) {
        if (destroyFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new MediaStoreException("store unavailable");
        }
        destroyed.add(assetKey);
    }

    @Override
    public boolean reachable() {
        return reachable;
    }
}
