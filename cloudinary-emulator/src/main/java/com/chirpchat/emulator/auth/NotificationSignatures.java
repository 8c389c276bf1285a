package com.chirpchat.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * {@code X-Cld-Signature}: hex digest of the raw body, the {@code X-Cld-Timestamp} value and the API secret,
 * concatenated (a plain hash, not an HMAC).
 */
public final class NotificationSignatures {

    private NotificationSignatures() {
    }

    public static String sign(byte[] body, String timestamp, String secret, String algorithm) {
        byte[] suffix = (timestamp + secret).getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[body.length + suffix.length];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(suffix, 0, all, body.length, suffix.length);
        return HexFormat.of().formatHex(Digests.digest(algorithm, all));
    }
}
