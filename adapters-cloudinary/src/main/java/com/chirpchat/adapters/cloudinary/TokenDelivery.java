package com.chirpchat.adapters.cloudinary;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.chirpchat.domain.media.MediaAsset;
import com.cloudinary.AuthToken;
import com.cloudinary.SmartUrlEncoder;
import com.cloudinary.Transformation;
import com.cloudinary.Url;

/**
 * Delivery URLs of the {@code authenticated} asset with a {@code __cld_token__} (Cloudinary's token-based
 * access): {@code st} = now, {@code exp} = the end of the lifetime, and an ACL on the asset itself, so one token
 * covers the original, every variant and the parts below an HLS/DASH manifest. Every variant is served.
 * <p>
 * The ACL is four globs ({@code !}-joined, {@code *} matching any run of characters, {@code /} included), all
 * below the path prefix the SDK writes for this configuration ({@code /{cloud}} on the shared domain, nothing
 * with a private CDN): {@code {p}/{rt}/authenticated/{id}}, {@code {id}.*}, {@code * /{id}} and
 * {@code * /{id}.*} — the original without and with version/transformation segments, with or without an
 * extension, and everything below a manifest ({@code {id}.m3u8/...}). The {@code .} after the id keeps the
 * token from covering another asset whose id merely starts with this one's ({@code m1} vs {@code m10}).
 */
final class TokenDelivery extends Delivery {
    private final String tokenKey;

    TokenDelivery(CloudinaryClient client, String tokenKey) {
        super(client);
        this.tokenKey = tokenKey;
    }

    @Override
    String mode() {
        return "token";
    }

    @Override
    boolean serves(Variants.Variant variant) {
        return true;
    }

    @Override
    UrlMaker urls(MediaAsset asset, Instant now, Instant expiresAt) {
        String rt = CloudinaryClient.resourceType(asset.resourceType());
        AuthToken token = new AuthToken(tokenKey)
                .startTime(now.getEpochSecond())
                .expiration(expiresAt.getEpochSecond())
                .acl(acl(rt, asset.assetKey()).toArray(String[]::new));
        return new UrlMaker() {
            @Override
            public URI original(Optional<String> format) {
                return url(rt, asset.assetKey(), "", format, token);
            }

            @Override
            public URI variant(Variants.Variant variant) {
                return url(rt, asset.assetKey(), variant.transformation(), Optional.of(variant.format()), token);
            }
        };
    }

    /** The globs that cover every URL of the asset, as the SDK writes them with this configuration. */
    List<String> acl(String rt, String assetKey) {
        String marker = "/" + rt + "/" + UploadSigner.DELIVERY_TYPE + "/";
        String probe = URI.create(client.sdk.url().resourceType(rt).type(UploadSigner.DELIVERY_TYPE).generate(assetKey)).getRawPath();
        int at = probe.indexOf(marker);
        String base = (at < 0 ? "" : probe.substring(0, at)) + marker;
        String id = SmartUrlEncoder.encode(assetKey);
        return List.of(base + id, base + id + ".*", base + "*/" + id, base + "*/" + id + ".*");
    }

    @SuppressWarnings("rawtypes") // the SDK's Transformation is a raw self-type
    private URI url(String rt, String assetKey, String transformation, Optional<String> format, AuthToken token) {
        Url url = client.sdk.url().resourceType(rt).type(UploadSigner.DELIVERY_TYPE).signed(true).authToken(token);
        if (!transformation.isEmpty()) {
            url.transformation(new Transformation().rawTransformation(transformation));
        }
        format.ifPresent(url::format);
        return URI.create(url.generate(assetKey));
    }
}
