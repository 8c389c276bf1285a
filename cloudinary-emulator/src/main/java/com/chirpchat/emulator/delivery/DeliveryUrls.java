package com.chirpchat.emulator.delivery;

import com.chirpchat.emulator.auth.UrlSignatures;
import com.chirpchat.emulator.store.Asset;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Builds delivery URLs in Cloudinary's shared-CDN shape,
 * {@code {base}/{cloud}/{resource_type}/{type}/[s--SIG--/][transformation/]v{version}/{public_id}.{format}}.
 * Originals of {@code private} and {@code authenticated} assets, and derived files of {@code authenticated}
 * ones, carry an {@code s--SIG--} (as Cloudinary's upload responses do).
 */
public final class DeliveryUrls {

    private final Supplier<String> base;
    private final String cloudName;
    private final String apiSecret;

    public DeliveryUrls(Supplier<String> base, String cloudName, String apiSecret) {
        this.base = base;
        this.cloudName = cloudName;
        this.apiSecret = apiSecret;
    }

    public String original(Asset asset) {
        boolean signed = !"upload".equals(asset.type());
        // A raw file's public id is its whole name (with the extension, if it has one); its format is not appended.
        return build(asset, "", "raw".equals(asset.resourceType()) ? "" : asset.format(), signed);
    }

    /** @param transformation canonical transformation ("" for a format-only derivation) */
    public String derived(Asset asset, String transformation, String format) {
        return build(asset, transformation, format, "authenticated".equals(asset.type()));
    }

    private String build(Asset asset, String transformation, String format, boolean signed) {
        String source = encode(asset.publicId()) + (format.isEmpty() ? "" : "." + format);
        StringBuilder url = new StringBuilder(base.get()).append('/').append(cloudName).append('/')
                .append(asset.resourceType()).append('/').append(asset.type()).append('/');
        if (signed) {
            String toSign = transformation.isEmpty() ? source : transformation + "/" + source;
            url.append(UrlSignatures.sign(toSign, apiSecret)).append('/');
        }
        if (!transformation.isEmpty()) {
            url.append(transformation).append('/');
        }
        return url.append('v').append(asset.version()).append('/').append(source).toString();
    }

    /** Like the SDK's SmartUrlEncoder: URL-encode, but keep {@code /} and {@code :}, and spaces as {@code %20}. */
    public static String encode(String publicId) {
        return URLEncoder.encode(publicId, StandardCharsets.UTF_8)
                .replace("%2F", "/").replace("%3A", ":").replace("+", "%20");
    }
}
