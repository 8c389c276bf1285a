package com.chirpchat.emulator.auth;

import com.chirpchat.emulator.settings.Credentials;
import com.chirpchat.emulator.web.ApiException;
import com.chirpchat.emulator.web.Params;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Authenticates signed API requests (upload, destroy, download) exactly like Cloudinary: the API key must match,
 * the timestamp must be at most an hour old, and the signature must match the parameters (SHA-1 or SHA-256,
 * signature version 1 or 2).
 */
public final class SignedRequests {

    private static final long STALE_AFTER_SECONDS = 3600;
    private static final DateTimeFormatter STALE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private SignedRequests() {
    }

    public static void checkCloud(String cloudFromPath, Credentials credentials) {
        if (!credentials.cloudName().equals(cloudFromPath)) {
            throw new ApiException(401, "Invalid cloud_name " + cloudFromPath);
        }
    }

    /**
     * @param checkStale false for requests whose lifetime is governed by another parameter ({@code expires_at})
     * @throws ApiException 400/401 with Cloudinary's messages
     */
    public static void verify(Params params, Credentials credentials, Instant now, boolean checkStale) {
        String apiKey = params.get("api_key").orElseThrow(() -> new ApiException(401, "Must supply api_key"));
        if (!Digests.same(credentials.apiKey(), apiKey)) {
            throw new ApiException(401, "Invalid api_key " + apiKey);
        }
        String timestamp = params.get("timestamp")
                .orElseThrow(() -> ApiException.badRequest("Missing required parameter - timestamp"));
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid timestamp " + timestamp);
        }
        if (checkStale && ts < now.getEpochSecond() - STALE_AFTER_SECONDS) {
            throw ApiException.badRequest("Stale request - reported time is " + STALE_TIME.format(Instant.ofEpochSecond(ts))
                    + " which is more than 1 hour ago");
        }
        String signature = params.get("signature").orElseThrow(
                () -> params.get("upload_preset").isPresent()
                        ? ApiException.badRequest("Upload preset not found (the emulator supports signed requests only)")
                        : ApiException.badRequest("Missing required parameter - signature"));
        Map<String, String> signed = params.flattened();
        if (!ApiSignatures.verify(signed, signature, credentials.apiSecret())) {
            throw ApiException.unauthorized("Invalid Signature " + signature + ". String to sign - '"
                    + ApiSignatures.stringToSign(signed, 2) + "'.");
        }
    }
}
