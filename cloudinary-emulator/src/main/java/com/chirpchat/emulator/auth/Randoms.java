package com.chirpchat.emulator.auth;

import java.security.SecureRandom;

/** Randomness for ids, secrets and version ids. */
public final class Randoms {

    static final SecureRandom SECURE = new SecureRandom();
    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Randoms() {
    }

    /** @return a Cloudinary-looking random public id (lower-case letters and digits) */
    public static String publicId() {
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(ID_CHARS[SECURE.nextInt(ID_CHARS.length)]);
        }
        return sb.toString();
    }
}
