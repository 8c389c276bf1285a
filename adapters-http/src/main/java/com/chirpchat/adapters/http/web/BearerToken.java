package com.chirpchat.adapters.http.web;

import java.util.Optional;

/** Reads the token out of an {@code Authorization: Bearer <token>} header (RFC 6750). */
public final class BearerToken {
    /** Longer than any token we issue by far; anything bigger is not worth verifying. */
    public static final int MAX_LENGTH = 4096;

    private BearerToken() {
    }

    /** The token of a well-formed bearer header; empty for another scheme or a malformed value. */
    public static Optional<String> parse(String header) {
        String value = header.strip();
        if (!value.regionMatches(true, 0, "bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = value.substring(7).strip();
        if (token.isEmpty() || token.length() > MAX_LENGTH || !visibleAscii(token)) {
            return Optional.empty();
        }
        return Optional.of(token);
    }

    /**
     * Visible ASCII only (0x21-0x7e): a little wider than RFC 6750's b64token; the token port decides what is
     * valid. A plain loop: this runs on every authenticated request, over a few hundred characters.
     */
    private static boolean visibleAscii(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
