package com.chirpchat.adapters.cloudinary;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.chirpchat.domain.media.MediaAsset;

/**
 * Signed download-API URLs ({@code /v1_1/{cloud}/{rt}/download}, what the SDK's {@code privateDownload} builds,
 * plus a {@code transformation} for derived files) with {@code expires_at}: a real expiry without a token key.
 * Serves the original and single-file variants; HLS and DASH are many files that no one download covers, so they
 * are left out (a plain {@code s--SIG--} delivery URL would work for them, but never expires).
 */
final class DownloadDelivery extends Delivery {
    DownloadDelivery(CloudinaryClient client) {
        super(client);
    }

    @Override
    String mode() {
        return "download-api";
    }

    @Override
    boolean serves(Variants.Variant variant) {
        return !variant.streaming();
    }

    @Override
    UrlMaker urls(MediaAsset asset, Instant now, Instant expiresAt) {
        String rt = CloudinaryClient.resourceType(asset.resourceType());
        return new UrlMaker() {
            @Override
            public URI original(Optional<String> format) {
                return download(rt, asset.assetKey(), "", format, now, expiresAt);
            }

            @Override
            public URI variant(Variants.Variant variant) {
                return download(rt, asset.assetKey(), variant.transformation(), Optional.of(variant.format()), now, expiresAt);
            }
        };
    }

    private URI download(String rt, String publicId, String transformation, Optional<String> format, Instant now, Instant expiresAt) {
        Map<String, Object> params = new TreeMap<>();
        params.put("public_id", publicId);
        format.ifPresent(f -> params.put("format", f));
        params.put("type", UploadSigner.DELIVERY_TYPE);
        params.put("expires_at", Long.toString(expiresAt.getEpochSecond()));
        params.put("timestamp", Long.toString(now.getEpochSecond()));
        if (!transformation.isEmpty()) {
            params.put("transformation", transformation);
        }
        client.sdk.signRequest(params, new HashMap<>()); // adds signature and api_key
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().toString(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(client.sdk.cloudinaryApiUrl("download", Map.of("resource_type", rt)) + "?" + query);
    }
}
