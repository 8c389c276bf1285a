package com.chirpchat.emulator.settings;

import java.time.Duration;
import java.util.Objects;

/**
 * How webhooks are signed and retried.
 *
 * @param algorithm       digest of {@code X-Cld-Signature}: {@code SHA-1} (Cloudinary's default) or {@code SHA-256}
 * @param maxAttempts     delivery attempts per notification before it is given up (at least 1)
 * @param initialBackoff  wait before the second attempt; doubles per attempt
 * @param maxBackoff      cap on the wait between attempts
 * @param requestTimeout  time allowed for one delivery attempt
 */
public record NotificationSettings(String algorithm,
                                   int maxAttempts,
                                   Duration initialBackoff,
                                   Duration maxBackoff,
                                   Duration requestTimeout) {

    public NotificationSettings {
        Objects.requireNonNull(algorithm, "algorithm");
        algorithm = normalize(algorithm);
        if (maxAttempts < 1 || maxAttempts > 50) {
            throw new IllegalArgumentException("notification maxAttempts must be 1..50, was " + maxAttempts);
        }
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(requestTimeout, "requestTimeout");
    }

    public static NotificationSettings defaults() {
        return new NotificationSettings("SHA-1", 8, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(10));
    }

    private static String normalize(String algorithm) {
        String a = algorithm.trim().toUpperCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
        return switch (a) {
            case "SHA1" -> "SHA-1";
            case "SHA256" -> "SHA-256";
            default -> throw new IllegalArgumentException("notification signature algorithm must be SHA1 or SHA256, was " + algorithm);
        };
    }

    static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
