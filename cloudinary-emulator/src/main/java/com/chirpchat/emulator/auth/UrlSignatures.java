package com.chirpchat.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Delivery URL signatures {@code s--SIG--}: SHA-1 (or SHA-256) of {@code transformation/public_id.ext} plus the
 * API secret, base64url, first 8 characters; the long variant is SHA-256 with 32 characters. They never expire.
 */
public final class UrlSignatures {

    public static final Pattern SEGMENT = Pattern.compile("s--([A-Za-z0-9_-]{8}|[A-Za-z0-9_-]{32})--");

    private UrlSignatures() {
    }

    /** @return the signature segment (including {@code s--} and {@code --}) for {@code toSign} */
    public static String sign(String toSign, String secret) {
        return "s--" + encoded("SHA-1", toSign, secret).substring(0, 8) + "--";
    }

    /** @return whether the 8- or 32-character signature matches {@code toSign} */
    public static boolean verify(String toSign, String signature, String secret) {
        String normalized = normalize(toSign);
        if (signature.length() == 32) {
            return same(encoded("SHA-256", normalized, secret).substring(0, 32), signature);
        }
        if (signature.length() == 8) {
            // Short signatures are SHA-1 by default, SHA-256 when the SDK is configured with signature_algorithm=SHA256.
            boolean sha1 = same(encoded("SHA-1", normalized, secret).substring(0, 8), signature);
            boolean sha256 = same(encoded("SHA-256", normalized, secret).substring(0, 8), signature);
            return sha1 | sha256;
        }
        return false;
    }

    /** What the SDK does to the string before hashing: no leading slash, no doubled slashes. */
    public static String normalize(String toSign) {
        String s = toSign.replaceAll("(?<!:)/{2,}", "/");
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        return s;
    }

    private static String encoded(String algorithm, String toSign, String secret) {
        byte[] hash = Digests.digest(algorithm, (toSign + secret).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
