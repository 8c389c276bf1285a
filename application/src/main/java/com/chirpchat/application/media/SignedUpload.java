package com.chirpchat.application.media;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a client needs to upload straight to the store: POST multipart to {@code uploadUrl} with
 * {@code file}, {@code api_key}, {@code timestamp}, {@code signature} and every entry of {@code params} unchanged.
 */
public record SignedUpload(URI uploadUrl,
                           String cloudName,
                           String apiKey,
                           long timestamp,
                           String signature,
                           String signatureAlgorithm,
                           Map<String, String> params) {
    public SignedUpload {
        Objects.requireNonNull(uploadUrl, "uploadUrl");
        Objects.requireNonNull(cloudName, "cloudName");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        params = Map.copyOf(params);
    }
}
