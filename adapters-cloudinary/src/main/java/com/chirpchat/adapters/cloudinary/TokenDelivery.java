package com.chirpchat.adapters.cloudinary;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.chirpchat.domain.media.MediaAsset;
import com.cloudinary.AuthToken;
import com.cloudinary.Transformation;
import com.cloudinary.Url;

/**
 * Delivery URLs of the {@code authenticated}, token-only asset with a {@code __cld_token__} (Cloudinary's
 * token-based access): {@code st} = now, {@code exp} = the end of the lifetime, and an ACL that is exactly the one
 * file the URL is for — the original, or one variant with its own transformation and format — so a member's URL
 * opens that file and nothing else: not the same asset with another transformation (which strict transformations
 * would refuse to render anyway), not another asset. HLS and DASH are the one exception the players need: their
 * ACL adds {@code <manifest>/*}, the parts below the manifest. Every variant is served.
 * <p>
 * The paths are the ones the SDK writes for this configuration ({@code /{cloud}/...} on the shared domain, nothing
 * with a private CDN or CNAME), taken from the URL the SDK generates without a token, so ACL and URL cannot drift.
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
        return new UrlMaker() {
            @Override
            public URI original(Optional<String> format) {
                return scoped(rt, asset.assetKey(), "", format, false, now, expiresAt);
            }

            @Override
            public URI variant(Variants.Variant variant) {
                return scoped(rt, asset.assetKey(), variant.transformation(), Optional.of(variant.format()),
                              variant.streaming(), now, expiresAt);
            }
        };
    }

    /** The ACL of one file's token: its path, and for a manifest everything below it too. */
    static List<String> acl(String path, boolean streaming) {
        return streaming ? List.of(path, path + "/*") : List.of(path);
    }

    private URI scoped(String rt, String assetKey, String transformation, Optional<String> format, boolean streaming,
                       Instant now, Instant expiresAt) {
        String path = URI.create(url(rt, transformation, format).generate(assetKey)).getRawPath();
        AuthToken token = new AuthToken(tokenKey)
                .startTime(now.getEpochSecond())
                .expiration(expiresAt.getEpochSecond())
                .acl(acl(path, streaming).toArray(String[]::new));
        return URI.create(url(rt, transformation, format).signed(true).authToken(token).generate(assetKey));
    }

    @SuppressWarnings("rawtypes") // the SDK's Transformation is a raw self-type
    private Url url(String rt, String transformation, Optional<String> format) {
        Url url = client.sdk.url().resourceType(rt).type(UploadSigner.DELIVERY_TYPE);
        if (!transformation.isEmpty()) {
            url.transformation(new Transformation().rawTransformation(transformation));
        }
        format.ifPresent(url::format);
        return url;
    }
}
