package com.chirpchat.emulator.view;

import com.chirpchat.emulator.auth.ApiSignatures;
import com.chirpchat.emulator.delivery.DeliveryUrls;
import com.chirpchat.emulator.store.Asset;
import com.chirpchat.emulator.store.Derived;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders assets, eager results and notifications in Cloudinary's JSON shapes. */
public final class AssetViews {

    private final DeliveryUrls urls;
    private final String apiKey;
    private final String apiSecret;

    public AssetViews(DeliveryUrls urls, String apiKey, String apiSecret) {
        this.urls = urls;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
    }

    /** The upload API response for an asset (without {@code eager}, which the caller adds). */
    public Map<String, Object> asset(Asset a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("asset_id", a.assetId());
        m.put("public_id", a.publicId());
        m.put("version", a.version());
        m.put("version_id", a.versionId());
        m.put("signature", ApiSignatures.responseSignature(a.publicId(), a.version(), apiSecret));
        if (a.width() > 0) {
            m.put("width", a.width());
            m.put("height", a.height());
        }
        // Cloudinary reports no format for raw files: a raw file's public id is its whole name. The extension it was
        // uploaded with is kept (content type and download name of the original).
        if (!a.format().isEmpty() && !"raw".equals(a.resourceType())) {
            m.put("format", a.format());
        }
        m.put("resource_type", a.resourceType());
        m.put("created_at", a.createdAt());
        m.put("tags", a.tags());
        if ("image".equals(a.resourceType())) {
            m.put("pages", a.pages());
        }
        m.put("bytes", a.bytes());
        m.put("type", a.type());
        m.put("etag", a.etag());
        m.put("placeholder", false);
        if (a.tokenOnly()) {
            m.put("access_control", List.of(Map.of("access_type", "token")));
        }
        String url = urls.original(a);
        m.put("url", url);
        m.put("secure_url", url);
        m.put("asset_folder", a.assetFolder());
        m.put("display_name", a.displayName());
        if (!a.context().isEmpty()) {
            m.put("context", Map.of("custom", a.context()));
        }
        if ("video".equals(a.resourceType())) {
            m.putAll(a.media());
            m.put("is_audio", a.audio());
            m.put("duration", a.duration());
            if (!a.audio()) {
                m.put("playback_url", urls.derived(a, "sp_auto", "m3u8"));
            }
        }
        m.put("original_filename", a.originalFilename());
        m.put("api_key", apiKey);
        return m;
    }

    /** An eager (or derived) file that was produced. */
    public Map<String, Object> eagerDone(Asset a, String requested, Derived d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transformation", requested);
        if (d.width() > 0) {
            m.put("width", d.width());
            m.put("height", d.height());
        }
        m.put("bytes", d.bytes());
        m.put("format", d.format());
        if (d.duration() > 0) {
            m.put("duration", d.duration());
        }
        String url = urls.derived(a, d.transformation(), d.format());
        m.put("url", url);
        m.put("secure_url", url);
        return m;
    }

    /** An eager file still being produced ({@code eager_async}). */
    public Map<String, Object> eagerProcessing(Asset a, String requested, String canonical, String format, String batchId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transformation", requested);
        m.put("status", "processing");
        m.put("batch_id", batchId);
        String url = urls.derived(a, canonical, format);
        m.put("url", url);
        m.put("secure_url", url);
        return m;
    }

    /** An eager file that could not be produced. */
    public Map<String, Object> eagerFailed(String requested, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transformation", requested);
        m.put("status", "failed");
        m.put("reason", reason);
        return m;
    }

    /** The derived files of an asset, as the Admin API's resource details list them. */
    public List<Map<String, Object>> derivedList(Asset a, List<Derived> derived) {
        return derived.stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("transformation", d.transformation().isEmpty() ? d.format() : d.transformation() + "/" + d.format());
            m.put("format", d.format());
            m.put("bytes", d.bytes());
            m.put("id", d.key());
            String url = urls.derived(a, d.transformation(), d.format());
            m.put("url", url);
            m.put("secure_url", url);
            return m;
        }).toList();
    }

    /** Wraps a body as a notification: Cloudinary puts these fields on every notification. */
    public Map<String, Object> notification(String type, Map<String, Object> fields, String requestId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("notification_type", type);
        m.put("timestamp", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")));
        m.put("request_id", requestId);
        m.putAll(fields);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("triggered_at", Instant.now().toString());
        context.put("triggered_by", Map.of("source", "api", "id", apiKey));
        m.put("notification_context", context);
        m.put("signature_key", apiKey);
        return m;
    }
}
