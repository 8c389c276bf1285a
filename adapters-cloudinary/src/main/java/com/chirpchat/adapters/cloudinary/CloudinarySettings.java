package com.chirpchat.adapters.cloudinary;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach Cloudinary (or the local service that speaks its API) and how to protect media. Built with
 * {@link #builder()}; {@code cloudinaryUrl} is required, everything else has a default.
 */
public final class CloudinarySettings {
    private final String cloudinaryUrl;
    private final Map<String, Object> sdkOptions;
    private final Optional<String> tokenKey;
    private final Optional<String> signatureAlgorithm;
    private final Optional<URI> notificationUrl;
    private final Duration notificationWindow;
    private final Optional<Duration> requestTimeout;

    private CloudinarySettings(Builder b) {
        this.cloudinaryUrl = b.cloudinaryUrl;
        this.sdkOptions = Collections.unmodifiableMap(new LinkedHashMap<>(b.sdkOptions));
        this.tokenKey = Optional.ofNullable(b.tokenKey);
        this.signatureAlgorithm = Optional.ofNullable(b.signatureAlgorithm);
        this.notificationUrl = Optional.ofNullable(b.notificationUrl);
        this.notificationWindow = b.notificationWindow;
        this.requestTimeout = Optional.ofNullable(b.requestTimeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code cloudinary://KEY:SECRET@CLOUD[?sdk_option=value...]}. */
    public String cloudinaryUrl() {
        return cloudinaryUrl;
    }

    /** SDK configuration on top of the URL's ({@code upload_prefix}, {@code secure}, {@code cname}, ...). */
    public Map<String, Object> sdkOptions() {
        return sdkOptions;
    }

    /** Hex key of {@code __cld_token__} tokens; when absent, media is served through the download API. */
    public Optional<String> tokenKey() {
        return tokenKey;
    }

    /** {@code SHA1} or {@code SHA256} as set here; otherwise from the URL/SDK options, else {@code SHA1}. */
    public Optional<String> signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** Where Cloudinary posts upload and eager notifications (absent: no notifications are requested). */
    public Optional<URI> notificationUrl() {
        return notificationUrl;
    }

    /** How far {@code X-Cld-Timestamp} may be from now, in the past or the future. */
    public Duration notificationWindow() {
        return notificationWindow;
    }

    /** HTTP timeouts of API calls (destroy, ping); absent: the SDK option {@code timeout}, else 20 seconds. */
    public Optional<Duration> requestTimeout() {
        return requestTimeout;
    }

    @Override
    public String toString() {
        // never the secret or the token key
        String url = cloudinaryUrl.replaceFirst("^(cloudinary://[^:@/]*):[^@]*@", "$1:***@");
        return "CloudinarySettings[" + url + ", sdkOptions=" + sdkOptions.keySet() + ", tokenKey="
                + (tokenKey.isPresent() ? "***" : "none") + ", signatureAlgorithm=" + signatureAlgorithm.orElse("default")
                + ", notificationUrl=" + notificationUrl.map(URI::toString).orElse("none")
                + ", notificationWindow=" + notificationWindow + ", requestTimeout=" + requestTimeout.map(Duration::toString).orElse("default") + "]";
    }

    /** Builder of {@link CloudinarySettings}. */
    public static final class Builder {
        private String cloudinaryUrl;
        private final Map<String, Object> sdkOptions = new LinkedHashMap<>();
        private String tokenKey;
        private String signatureAlgorithm;
        private URI notificationUrl;
        private Duration notificationWindow = Duration.ofMinutes(5);
        private Duration requestTimeout;

        private Builder() {
        }

        public Builder cloudinaryUrl(String cloudinaryUrl) {
            this.cloudinaryUrl = Objects.requireNonNull(cloudinaryUrl, "cloudinaryUrl");
            return this;
        }

        /** Any SDK configuration key ({@code upload_prefix}, {@code secure}, {@code cname}, {@code private_cdn}, ...). */
        public Builder sdkOption(String key, Object value) {
            sdkOptions.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder tokenKey(String hexKey) {
            String key = Objects.requireNonNull(hexKey, "tokenKey").trim();
            try {
                if (key.isEmpty() || HexFormat.of().parseHex(key).length == 0) {
                    throw new IllegalArgumentException("empty");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tokenKey must be a non-empty hex string (an even number of 0-9a-f)");
            }
            this.tokenKey = key;
            return this;
        }

        public Builder signatureAlgorithm(String algorithm) {
            this.signatureAlgorithm = canonicalAlgorithm(Objects.requireNonNull(algorithm, "signatureAlgorithm"));
            return this;
        }

        public Builder notificationUrl(URI notificationUrl) {
            Objects.requireNonNull(notificationUrl, "notificationUrl");
            if (!notificationUrl.isAbsolute()) {
                throw new IllegalArgumentException("notificationUrl must be absolute: " + notificationUrl);
            }
            this.notificationUrl = notificationUrl;
            return this;
        }

        public Builder notificationWindow(Duration window) {
            this.notificationWindow = positive(window, "notificationWindow");
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        public CloudinarySettings build() {
            if (cloudinaryUrl == null || cloudinaryUrl.isBlank()) {
                throw new IllegalArgumentException("cloudinaryUrl is required (cloudinary://KEY:SECRET@CLOUD)");
            }
            CloudinaryClient.parseUrl(cloudinaryUrl); // fails early, naming what is missing
            return new CloudinarySettings(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, not " + d);
            }
            return d;
        }
    }

    /** {@code SHA1}/{@code SHA-1}/{@code sha1} → {@code SHA1}; likewise SHA256 (the SDK's enum names). */
    static String canonicalAlgorithm(String algorithm) {
        String a = algorithm.trim().toUpperCase(Locale.ROOT).replace("-", "");
        if (!a.equals("SHA1") && !a.equals("SHA256")) {
            throw new IllegalArgumentException("signatureAlgorithm must be SHA1 or SHA256, not " + algorithm);
        }
        return a;
    }
}
