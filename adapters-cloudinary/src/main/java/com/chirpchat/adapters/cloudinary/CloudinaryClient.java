package com.chirpchat.adapters.cloudinary;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.cloudinary.Api;
import com.cloudinary.Cloudinary;
import com.cloudinary.Configuration;
import com.cloudinary.SignatureAlgorithm;
import com.cloudinary.Uploader;

/**
 * The SDK, configured once from the settings: the URL's configuration, then the SDK options, then what the
 * settings say explicitly (signature algorithm, signature version 2, timeout). The uploader and API clients are
 * made once: each {@code cloudinary.uploader()} call builds a new HTTP client (and its pool) in the SDK.
 */
final class CloudinaryClient {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    final Cloudinary sdk;
    final Uploader uploader;
    final Api api;
    final String cloudName;
    final String apiKey;
    final String apiSecret;
    final SignatureAlgorithm algorithm;
    final Optional<String> tokenKey;
    final int timeoutSeconds;

    private CloudinaryClient(Cloudinary sdk, Optional<String> tokenKey, int timeoutSeconds) {
        this.sdk = sdk;
        this.uploader = sdk.uploader();
        this.api = sdk.api();
        this.cloudName = sdk.config.cloudName;
        this.apiKey = sdk.config.apiKey;
        this.apiSecret = sdk.config.apiSecret;
        this.algorithm = sdk.config.signatureAlgorithm;
        this.tokenKey = tokenKey;
        this.timeoutSeconds = timeoutSeconds;
    }

    static CloudinaryClient create(CloudinarySettings settings) {
        Map<String, Object> config = new HashMap<>(parseUrl(settings.cloudinaryUrl()).asMap());
        config.putAll(settings.sdkOptions());
        // a token key in the SDK configuration (auth_token[key]=... in the URL) is ours to use, not the SDK's:
        // left there, the SDK would merge its defaults into every token
        Optional<String> tokenKey = settings.tokenKey().or(() -> Optional.ofNullable(config.remove("auth_token"))
                .filter(Map.class::isInstance).map(m -> ((Map<?, ?>) m).get("key")).map(Object::toString)
                .filter(k -> !k.isBlank()));
        config.remove("auth_token");
        String algorithm = settings.signatureAlgorithm()
                .or(() -> Optional.ofNullable(config.get("signature_algorithm")).map(Object::toString)
                        .map(CloudinarySettings::canonicalAlgorithm))
                .orElse("SHA1");
        config.put("signature_algorithm", algorithm);
        config.put("signature_version", 2);
        Duration timeout = settings.requestTimeout()
                .or(() -> Optional.ofNullable(config.get("timeout")).map(t -> Long.parseLong(t.toString().trim()))
                        .filter(s -> s > 0).map(Duration::ofSeconds)) // the SDK's 0 means "not set"
                .orElse(DEFAULT_TIMEOUT);
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
        config.put("timeout", seconds);
        Cloudinary sdk = new Cloudinary(config);
        return new CloudinaryClient(sdk, tokenKey, seconds);
    }

    /** The SDK's reading of the URL, refusing one without key, secret or cloud (never echoing the secret). */
    static Configuration parseUrl(String url) {
        Configuration parsed;
        try {
            parsed = Configuration.from(url.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cloudinaryUrl must look like cloudinary://KEY:SECRET@CLOUD");
        }
        if (isBlank(parsed.cloudName) || isBlank(parsed.apiKey) || isBlank(parsed.apiSecret)) {
            throw new IllegalArgumentException("cloudinaryUrl must name the API key, the API secret and the cloud: "
                    + "cloudinary://KEY:SECRET@CLOUD");
        }
        return parsed;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The Cloudinary resource type of a ChirpChat type: audio files are video resources. */
    static String resourceType(com.chirpchat.domain.media.ResourceType type) {
        return switch (type) {
            case IMAGE -> "image";
            case VIDEO, AUDIO -> "video";
            case RAW -> "raw";
        };
    }
}
