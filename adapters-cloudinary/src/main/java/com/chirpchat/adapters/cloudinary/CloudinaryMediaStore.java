package com.chirpchat.adapters.cloudinary;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

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
 * The media store on the Cloudinary Java SDK ({@code cloudinary-http5}): signed direct uploads of
 * {@code authenticated} assets with asynchronous eager variants, notifications verified over their raw bytes,
 * expiring URLs (token or download-API mode, see {@link #deliveryMode()}), and destroy with CDN invalidation.
 * Talks to Cloudinary or, unchanged, to the local service that speaks its API; only the settings differ.
 */
public final class CloudinaryMediaStore implements MediaStore {
    private static final System.Logger LOG = System.getLogger(CloudinaryMediaStore.class.getName());
    /** Readiness must answer quickly, whatever the configured request timeout. */
    private static final int PING_TIMEOUT_SECONDS = 5;

    private final CloudinaryClient client;
    private final UploadSigner signer;
    private final NotificationVerifier verifier;
    private final NotificationReader reader = new NotificationReader();
    private final Delivery delivery;
    private final Clock clock;

    private CloudinaryMediaStore(CloudinaryClient client, CloudinarySettings settings, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.signer = new UploadSigner(client, settings.notificationUrl(), clock);
        this.verifier = new NotificationVerifier(client.algorithm.name(), client.apiSecret, settings.notificationWindow(), clock);
        this.delivery = client.tokenKey.<Delivery>map(key -> new TokenDelivery(client, key)).orElseGet(() -> new DownloadDelivery(client));
    }

    public static CloudinaryMediaStore create(CloudinarySettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        return new CloudinaryMediaStore(CloudinaryClient.create(settings), settings, clock);
    }

    /** {@code token} (every variant, HLS/DASH included) or {@code download-api} (single-file variants only). */
    public String deliveryMode() {
        return delivery.mode();
    }

    @Override
    public SignedUpload signUpload(UploadSpec spec) {
        return signer.sign(spec);
    }

    @Override
    public MediaNotification readNotification(RawNotification notification) {
        verifier.verify(notification);
        return reader.read(notification.body());
    }

    @Override
    public MediaLinks links(MediaAsset asset, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive, not " + lifetime);
        }
        return delivery.links(asset, lifetime, clock.instant());
    }

    @Override
    public void destroy(String assetKey, ResourceType type) {
        Map<?, ?> result;
        try {
            result = client.uploader.destroy(assetKey, Map.of("type", UploadSigner.DELIVERY_TYPE,
                    "resource_type", CloudinaryClient.resourceType(type), "invalidate", true));
        } catch (Exception e) {
            throw new MediaStoreException("destroying " + assetKey + " failed: " + describe(e), e);
        }
        Object outcome = result == null ? null : result.get("result");
        if ("ok".equals(outcome) || "not found".equals(outcome)) {
            return;
        }
        throw new MediaStoreException("destroying " + assetKey + " was refused: " + result);
    }

    @Override
    public boolean reachable() {
        int seconds = Math.min(PING_TIMEOUT_SECONDS, client.timeoutSeconds);
        try {
            client.api.ping(Map.of("timeout", seconds, "connect_timeout", seconds, "connection_request_timeout", seconds));
            return true;
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "media store ping failed: " + describe(e));
            return false;
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    @Override
    public String toString() {
        return "CloudinaryMediaStore[cloud=" + client.cloudName + ", delivery=" + deliveryMode() + "]";
    }
}
