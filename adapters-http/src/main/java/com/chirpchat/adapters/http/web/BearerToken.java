package com.chirpchat.adapters.http.web;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the token out of an {@code Authorization: Bearer <token>} header (RFC 6750). */
public final class BearerToken {
    /** Longer than any token we issue by far; anything bigger is not worth verifying. */
    public static final int MAX_LENGTH = 4096;
    /** Visible ASCII: a little wider than RFC 6750's b64token; the token port decides what is valid. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");

    private BearerToken() {
    }

    /** The token of a well-formed bearer header; empty for another scheme or a malformed value. */
    public static Optional<String> parse(String header) {
        String value = header.strip();
        if (value.length() < 7 || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return Optional.empty();
        }
        String token = value.substring(7).strip();
        if (token.isEmpty() || token.length() > MAX_LENGTH || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return Optional.of(token);
    }
}
