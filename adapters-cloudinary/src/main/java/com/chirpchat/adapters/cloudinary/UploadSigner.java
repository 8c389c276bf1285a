package com.chirpchat.adapters.cloudinary;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.chirpchat.application.media.SignedUpload;
import com.chirpchat.application.media.UploadSpec;

/**
 * Signs a direct upload exactly as Cloudinary checks it (the SDK's {@code apiSignRequest}, signature version 2).
 * The asset is {@code authenticated}: its original and every derived file need a signature or a token (with
 * {@code private}, derived files would be public). {@code overwrite=false} keeps a second upload from replacing
 * the first; processing is asynchronous and both notifications go to the configured URL. With a token key (token
 * mode) the asset is also {@code access_control} token-only: Cloudinary then delivers it only under a token, so the
 * {@code s--SIG--} URLs in the upload response the client gets back (signatures that never expire) open nothing.
 */
final class UploadSigner {
    static final String DELIVERY_TYPE = "authenticated";
    /** Cloudinary's upload parameter for "accessible only with a token", as its SDKs encode it (a JSON array). */
    static final String TOKEN_ONLY = "[{\"access_type\":\"token\"}]";

    private final CloudinaryClient client;
    private final Optional<URI> notificationUrl;
    private final Clock clock;

    UploadSigner(CloudinaryClient client, Optional<URI> notificationUrl, Clock clock) {
        this.client = client;
        this.notificationUrl = notificationUrl;
        this.clock = clock;
    }

    SignedUpload sign(UploadSpec spec) {
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> params = new TreeMap<>();
        params.put("public_id", spec.name());
        params.put("folder", spec.folder());
        params.put("type", DELIVERY_TYPE);
        params.put("overwrite", "false");
        if (client.tokenKey.isPresent()) {
            params.put("access_control", TOKEN_ONLY);
        }
        // the declared name becomes the asset's original_filename whatever the client's multipart says, so the
        // store checks a document's format by the name we checked (Cloudinary reports no format for raw files)
        spec.fileName().filter(n -> !n.isBlank()).ifPresent(n -> params.put("filename_override", n));
        String eager = Variants.eagerParameter(spec.type());
        if (!eager.isEmpty()) {
            params.put("eager", eager);
            params.put("eager_async", "true");
            notificationUrl.ifPresent(url -> params.put("eager_notification_url", url.toString()));
        }
        notificationUrl.ifPresent(url -> params.put("notification_url", url.toString()));
        if (!spec.allowedFormats().isEmpty()) {
            params.put("allowed_formats", spec.allowedFormats().stream().map(f -> f.toLowerCase(Locale.ROOT))
                    .sorted().distinct().collect(Collectors.joining(",")));
        }
        String signature = signature(params, timestamp);
        String uploadUrl = client.sdk.cloudinaryApiUrl("upload", Map.of("resource_type", CloudinaryClient.resourceType(spec.type())));
        return new SignedUpload(URI.create(uploadUrl), client.cloudName, client.apiKey, timestamp, signature,
                                client.algorithm.name().toLowerCase(Locale.ROOT), params);
    }

    /** The signature of these parameters plus {@code timestamp}, as the upload API recomputes it. */
    String signature(Map<String, String> params, long timestamp) {
        Map<String, Object> toSign = new TreeMap<>(params);
        toSign.put("timestamp", Long.toString(timestamp));
        return sign(toSign);
    }

    /** Cloudinary's request signature over any parameters (empty values dropped, sorted, v2 escaping). */
    String sign(Map<String, Object> params) {
        return client.sdk.apiSignRequest(params, client.apiSecret, 2);
    }
}
