package com.chirpchat.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hashes, HMACs and comparisons used by every signature scheme. */
public final class Digests {

    private static final HexFormat HEX = HexFormat.of();

    private Digests() {
    }

    public static byte[] digest(String algorithm, byte[] input) {
        try {
            return MessageDigest.getInstance(algorithm).digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }

    public static String hex(String algorithm, String input) {
        return HEX.formatHex(digest(algorithm, input.getBytes(StandardCharsets.UTF_8)));
    }

    public static String sha1Hex(String input) {
        return hex("SHA-1", input);
    }

    public static String hmacSha256Hex(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time comparison of two strings, hex compared case-insensitively by the caller lower-casing. */
    public static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    public static boolean sameHex(String expectedLowerHex, String given) {
        return same(expectedLowerHex, given.toLowerCase(Locale.ROOT));
    }

    public static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        Randoms.SECURE.nextBytes(b);
        return HEX.formatHex(b);
    }
}
