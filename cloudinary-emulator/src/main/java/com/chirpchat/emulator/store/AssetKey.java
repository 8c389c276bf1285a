package com.chirpchat.emulator.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What identifies an asset in Cloudinary: resource type, delivery type and public id.
 *
 * @param resourceType {@code image}, {@code video} or {@code raw}
 * @param type         {@code upload}, {@code private} or {@code authenticated}
 * @param publicId     full public id, folders included
 */
public record AssetKey(String resourceType, String type, String publicId) {

    public AssetKey {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(publicId, "publicId");
    }

    /** @return a file-system-safe, collision-free folder name for this key */
    public String folderName() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((resourceType + "\n" + type + "\n" + publicId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return resourceType + "/" + type + "/" + publicId;
    }
}
