package com.chirpchat.emulator.settings;

import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The account the emulator pretends to be.
 *
 * @param cloudName  the cloud name in every API and delivery path
 * @param apiKey     API key clients send with signed requests
 * @param apiSecret  secret that signs requests, URLs and notifications
 * @param tokenKey   hex-encoded key of {@code __cld_token__} HMACs (the HMAC key is the decoded bytes)
 */
public record Credentials(String cloudName, String apiKey, String apiSecret, String tokenKey) {

    private static final Pattern CLOUD_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2})+");

    public Credentials {
        Objects.requireNonNull(cloudName, "cloudName");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(apiSecret, "apiSecret");
        Objects.requireNonNull(tokenKey, "tokenKey");
        if (!CLOUD_NAME.matcher(cloudName).matches()) {
            throw new IllegalArgumentException("cloudName must match " + CLOUD_NAME + ", was '" + cloudName + "'");
        }
        if (apiKey.isBlank() || apiSecret.isBlank()) {
            throw new IllegalArgumentException("apiKey and apiSecret must not be blank");
        }
        if (!HEX.matcher(tokenKey).matches()) {
            throw new IllegalArgumentException("tokenKey must be an even-length hex string");
        }
    }

    /** @return the raw HMAC key for {@code __cld_token__} */
    public byte[] tokenKeyBytes() {
        return HexFormat.of().parseHex(tokenKey.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return "Credentials[cloudName=" + cloudName + ", apiKey=" + apiKey + ", apiSecret=***, tokenKey=***]";
    }
}
