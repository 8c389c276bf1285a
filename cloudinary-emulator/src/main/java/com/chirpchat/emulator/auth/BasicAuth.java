package com.chirpchat.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** HTTP Basic {@code api_key:api_secret}, as the Admin API expects. */
public final class BasicAuth {

    private BasicAuth() {
    }

    /** @return whether the {@code Authorization} header carries exactly these credentials */
    public static boolean matches(Optional<String> authorization, String apiKey, String apiSecret) {
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.get().substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Digests.same(apiKey + ":" + apiSecret, decoded);
    }
}
