package com.chirpchat.adapters.cloudinary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.media.RawNotification;

/**
 * Checks {@code X-Cld-Signature}: hex SHA-1 (or SHA-256) of the raw body bytes, then the {@code X-Cld-Timestamp}
 * header as sent, then the API secret — a plain hash, not an HMAC. Done here rather than with the SDK's verifier,
 * which hashes a re-encoded string, compares with {@code String.equals} and has mixed up seconds and milliseconds.
 * The signature is checked first, so a forged request learns nothing about the window.
 */
final class NotificationVerifier {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,18}");

    private final String digestAlgorithm;
    private final int hexLength;
    private final byte[] secret;
    private final Duration window;
    private final Clock clock;

    NotificationVerifier(String sdkAlgorithm, String apiSecret, Duration window, Clock clock) {
        this.digestAlgorithm = sdkAlgorithm.equals("SHA256") ? "SHA-256" : "SHA-1";
        this.hexLength = sdkAlgorithm.equals("SHA256") ? 64 : 40;
        this.secret = apiSecret.getBytes(StandardCharsets.UTF_8);
        this.window = window;
        this.clock = clock;
    }

    /** @throws UseCaseException INVALID_SIGNATURE or STALE_REQUEST */
    void verify(RawNotification raw) {
        String signature = raw.signature().trim().toLowerCase(Locale.ROOT);
        if (signature.isEmpty()) {
            throw invalid("missing X-Cld-Signature");
        }
        if (signature.length() != hexLength || !HEX.matcher(signature).matches()) {
            throw invalid("X-Cld-Signature is not a hex " + digestAlgorithm + " digest");
        }
        String timestamp = raw.timestamp();
        if (!SECONDS.matcher(timestamp).matches()) {
            throw invalid(timestamp.isEmpty() ? "missing X-Cld-Timestamp" : "X-Cld-Timestamp is not a number of seconds");
        }
        byte[] expected = HexFormat.of().formatHex(digest(raw.body(), timestamp)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            throw invalid("X-Cld-Signature does not match the body");
        }
        long sent = Long.parseLong(timestamp);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - sent) > window.toSeconds()) {
            throw new UseCaseException(ErrorCode.STALE_REQUEST, "notification timestamp " + sent + " is more than "
                    + window.toSeconds() + " s from now (" + now + ")");
        }
    }

    private byte[] digest(byte[] body, String timestamp) {
        try {
            MessageDigest digest = MessageDigest.getInstance(digestAlgorithm);
            digest.update(body);
            digest.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            digest.update(secret);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digestAlgorithm + " is missing from this JDK", e);
        }
    }

    private static UseCaseException invalid(String detail) {
        return new UseCaseException(ErrorCode.INVALID_SIGNATURE, detail);
    }

    /** Hex SHA-256 of the body: the notification's identity (a repeated delivery has the same bytes). */
    static String idOf(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
