package com.chirpchat.emulator.auth;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Cloudinary's request signature: every parameter except {@code file}, {@code cloud_name},
 * {@code resource_type}, {@code api_key} and {@code signature}, empty values dropped, sorted by name, written
 * {@code name=value}, joined with {@code &}, followed by the API secret, hex SHA-1 or SHA-256. Version 2 escapes
 * {@code &} inside values as {@code %26}; version 1 does not. Both are accepted.
 *
 * <p>Also left out: the chunking fields Cloudinary's Node SDK posts next to a signature it was given
 * ({@code uploader.upload_large} sends its whole options object, so {@code chunk_size}, {@code content_range},
 * {@code filename}, {@code stream} and {@code x_unique_upload_id} arrive as fields). They are transport details,
 * not upload parameters: none of the SDKs signs them when it signs itself (the chunk range and upload id travel in
 * the {@code Content-Range} and {@code X-Unique-Upload-Id} headers), and a signature made by a server for a
 * browser or app cannot know them.
 */
public final class ApiSignatures {

    private static final Set<String> UNSIGNED = Set.of("file", "cloud_name", "resource_type", "api_key", "signature",
            "chunk_size", "content_range", "filename", "stream", "x_unique_upload_id");

    private ApiSignatures() {
    }

    /** @return the string that is hashed (without the secret): signed parameters only */
    public static String stringToSign(Map<String, String> params, int version) {
        Map<String, String> signed = new TreeMap<>(params);
        signed.keySet().removeAll(UNSIGNED);
        return join(signed, version);
    }

    /** @return the hex signature of a request's parameters (unsigned ones left out) */
    public static String sign(Map<String, String> params, String secret, String algorithm, int version) {
        return Digests.hex(algorithm, stringToSign(params, version) + secret);
    }

    /**
     * The SDK's {@code api_sign_request}: hashes exactly the parameters given (callers leave out the unsigned ones).
     *
     * @param algorithm {@code SHA-1} or {@code SHA-256}
     */
    public static String digest(Map<String, String> params, String secret, String algorithm, int version) {
        return Digests.hex(algorithm, join(params, version) + secret);
    }

    private static String join(Map<String, String> params, int version) {
        Map<String, String> sorted = new TreeMap<>();
        params.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                sorted.put(k, version >= 2 ? v.replace("&", "%26") : v);
            }
        });
        return sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    /**
     * @return whether {@code signature} (40 hex chars for SHA-1, 64 for SHA-256) matches the parameters under
     *         signature version 2 or 1
     */
    public static boolean verify(Map<String, String> params, String signature, String secret) {
        String given = signature.trim().toLowerCase(Locale.ROOT);
        String algorithm = switch (given.length()) {
            case 40 -> "SHA-1";
            case 64 -> "SHA-256";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        boolean v2 = Digests.same(sign(params, secret, algorithm, 2), given);
        boolean v1 = Digests.same(sign(params, secret, algorithm, 1), given);
        return v2 | v1;
    }

    /** The {@code signature} field of upload responses: always SHA-1 of {@code public_id=..&version=..} + secret. */
    public static String responseSignature(String publicId, long version, String secret) {
        return Digests.sha1Hex("public_id=" + publicId + "&version=" + version + secret);
    }
}
