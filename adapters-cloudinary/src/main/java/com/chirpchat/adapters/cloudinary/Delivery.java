package com.chirpchat.adapters.cloudinary;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import com.chirpchat.application.media.MediaLinks;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;

/**
 * How expiring URLs are made: a {@code __cld_token__} covering the whole asset ({@link TokenDelivery}), or one
 * signed download-API URL per file ({@link DownloadDelivery}). Either way no URL works past {@code expiresAt}:
 * expiry times are whole seconds, rounded down.
 */
abstract class Delivery {
    protected final CloudinaryClient client;

    Delivery(CloudinaryClient client) {
        this.client = client;
    }

    /** {@code token} or {@code download-api}. */
    abstract String mode();

    /** Whether this mode can hand out an expiring URL for the variant. */
    abstract boolean serves(Variants.Variant variant);

    /** Prepares the URLs of one asset, valid from {@code now} to {@code expiresAt}. */
    abstract UrlMaker urls(MediaAsset asset, Instant now, Instant expiresAt);

    /** URLs of one asset's files. */
    interface UrlMaker {
        /** The original (no transformation; {@code format} is the original's, absent for raw files). */
        URI original(Optional<String> format);

        URI variant(Variants.Variant variant);
    }

    final MediaLinks links(MediaAsset asset, Duration lifetime, Instant now) {
        Instant expiresAt = now.plus(lifetime);
        UrlMaker urls = urls(asset, now, expiresAt);
        MediaFacts facts = asset.measured();
        MediaLinks.Link original = new MediaLinks.Link(urls.original(facts.format()), facts.format(), facts.bytes(),
                                                       facts.width(), facts.height());
        Map<String, MediaLinks.Link> variants = new LinkedHashMap<>();
        for (Variants.Variant variant : Variants.of(asset.resourceType())) {
            if (asset.madeVariants().contains(variant.name()) && serves(variant)) {
                variants.put(variant.name(), new MediaLinks.Link(urls.variant(variant), Optional.of(variant.format()),
                                                                  OptionalLong.empty(), variant.width(), variant.height()));
            }
        }
        return new MediaLinks(expiresAt, original, variants);
    }
}
