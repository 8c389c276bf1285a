package com.chirpchat.domain.media;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.common.Decision;
import com.chirpchat.domain.common.Reason;

/**
 * The file behind a media message. {@code assetKey} is the media store's name for the original (chosen by us
 * before the upload). What the store has told us so far decides the state:
 * <ul>
 *     <li>{@code facts}: present once the upload arrived (format, size, dimensions, duration);</li>
 *     <li>{@code variants}: present once processing settled, holding the variants that were made;</li>
 *     <li>{@code failureReason}: present once it failed for good.</li>
 * </ul>
 * Status follows: failed if it failed; uploading until the upload arrived; ready when the upload arrived and
 * processing settled (at once for types without variants); processing in between. The store may report
 * processing before the upload (notifications get reordered): the asset keeps that and becomes ready when the
 * upload report follows. Each fact is recorded once, so a repeated report changes nothing: {@link #apply} takes
 * the store's reports in whatever order and as often as they come. {@code variantFacts} holds what the store
 * measured of each variant made (its format, size, dimensions, duration), as far as it said; {@code fileName} the
 * name the uploader declared (a document keeps its name and extension, which the store does not report for raw files).
 */
public record MediaAsset(ResourceType resourceType,
                         String assetKey,
                         Optional<MediaFacts> facts,
                         Optional<List<String>> variants,
                         Optional<String> failureReason,
                         Map<String, MediaFacts> variantFacts,
                         Optional<String> fileName) {

    public MediaAsset {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(assetKey, "assetKey");
        Objects.requireNonNull(facts, "facts");
        variants = variants.map(List::copyOf);
        Objects.requireNonNull(failureReason, "failureReason");
        Map<String, MediaFacts> kept = new LinkedHashMap<>();
        List<String> made = variants.orElse(List.of());
        variantFacts.forEach((name, measured) -> {
            if (made.contains(name)) {
                kept.put(name, measured);
            }
        });
        variantFacts = Collections.unmodifiableMap(kept);
        Objects.requireNonNull(fileName, "fileName");
    }

    public MediaAsset(ResourceType resourceType, String assetKey, Optional<MediaFacts> facts, Optional<List<String>> variants,
                      Optional<String> failureReason) {
        this(resourceType, assetKey, facts, variants, failureReason, Map.of(), Optional.empty());
    }

    /** A new asset, waiting for the client's upload. */
    public static MediaAsset uploading(ResourceType type, String assetKey) {
        return uploading(type, assetKey, Optional.empty());
    }

    /** A new asset, waiting for the client's upload of the file it named. */
    public static MediaAsset uploading(ResourceType type, String assetKey, Optional<String> fileName) {
        return new MediaAsset(type, assetKey, Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), fileName);
    }

    /**
     * The file's format: what the store measured, else for a document the extension of the name it was declared
     * with (Cloudinary reports no format for raw files).
     */
    public Optional<String> format() {
        return measured().format().or(() -> resourceType == ResourceType.RAW ? fileName.flatMap(MediaAsset::extension) : Optional.empty());
    }

    private static Optional<String> extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1 ? Optional.empty()
                : Optional.of(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
    }

    /** What the store measured of a variant made; unknown when it did not say. */
    public MediaFacts variantFacts(String variant) {
        return variantFacts.getOrDefault(variant, MediaFacts.UNKNOWN);
    }

    public MediaStatus status() {
        if (failureReason.isPresent()) {
            return MediaStatus.FAILED;
        }
        if (facts.isEmpty()) {
            return MediaStatus.UPLOADING;
        }
        if (variants.isPresent() || MediaVariants.expected(resourceType).isEmpty()) {
            return MediaStatus.READY;
        }
        return MediaStatus.PROCESSING;
    }

    /** The variants made so far (none until processing settled). */
    public List<String> madeVariants() {
        return variants.orElse(List.of());
    }

    /** What was measured of the upload, or nothing known yet. */
    public MediaFacts measured() {
        return facts.orElse(MediaFacts.UNKNOWN);
    }

    public Decision mayRecordUpload() {
        if (status().isFinal() || facts.isPresent()) {
            return Decision.rejected(Reason.CONFLICT, "the upload of this media is already recorded");
        }
        return Decision.allowed();
    }

    /** The upload arrived with these measurements. */
    public MediaAsset uploaded(MediaFacts measured) {
        mayRecordUpload().orThrow();
        return new MediaAsset(resourceType, assetKey, Optional.of(measured), variants, failureReason, variantFacts, fileName);
    }

    public Decision mayRecordVariants() {
        // a final asset is settled, even a document that was ready without any processing
        if (status().isFinal() || variants.isPresent()) {
            return Decision.rejected(Reason.CONFLICT, "the processing of this media is already recorded");
        }
        return Decision.allowed();
    }

    /**
     * Processing settled and made these variants (others are ignored). When none of the expected variants could
     * be made, the media failed: a video no client can play is not ready.
     */
    public MediaAsset processed(Collection<String> made) {
        return processed(made, Map.of());
    }

    /** {@link #processed(Collection)}, with what the store measured of each variant made. */
    public MediaAsset processed(Collection<String> made, Map<String, MediaFacts> measured) {
        mayRecordVariants().orThrow();
        List<String> kept = kept(made);
        Optional<String> failure = !MediaVariants.expected(resourceType).isEmpty() && kept.isEmpty()
                ? Optional.of("processing failed: no variant could be made")
                : Optional.empty();
        return new MediaAsset(resourceType, assetKey, facts, Optional.of(kept), failure, measured, fileName);
    }

    public Decision mayFail() {
        return status().isFinal()
                ? Decision.rejected(Reason.CONFLICT, "media is already " + status().wireName())
                : Decision.allowed();
    }

    /** The upload or its processing failed for good. */
    public MediaAsset failed(String reason) {
        mayFail().orThrow();
        return new MediaAsset(resourceType, assetKey, facts, variants, Optional.of(reason), variantFacts, fileName);
    }

    /**
     * What a report from the store does to this asset, recording only facts not yet known. An upload that breaks
     * {@code limits} fails the asset (whatever else is known: a file over the limit is not ready because it was
     * quick to process). A report that repeats what is known is {@link MediaOutcome.Unchanged}; one that would
     * change something already settled is {@link MediaOutcome.Rejected}; neither changes anything.
     */
    public MediaOutcome apply(MediaReport report, MediaLimits limits) {
        MediaAsset after = switch (report) {
            case MediaReport.Uploaded uploaded -> afterUpload(uploaded, limits);
            case MediaReport.Processed processed -> mayRecordVariants().isAllowed() ? processed(processed.made(), processed.measured()) : this;
            case MediaReport.Failed failed -> mayFail().isAllowed() ? failed(failed.reason()) : this;
        };
        if (!after.equals(this)) {
            return new MediaOutcome.Changed(this, after);
        }
        if (knows(report)) {
            return new MediaOutcome.Unchanged();
        }
        return new MediaOutcome.Rejected(status().isFinal() ? "media is already " + status().wireName()
                                                            : "the report contradicts what is recorded of this media");
    }

    private MediaAsset afterUpload(MediaReport.Uploaded report, MediaLimits limits) {
        MediaAsset asset = this;
        if (mayRecordUpload().isAllowed()) {
            Optional<String> violation = limits.violation(resourceType, report.facts());
            if (violation.isPresent()) {
                return new MediaAsset(resourceType, assetKey, Optional.of(report.facts()), variants, violation, variantFacts, fileName);
            }
            asset = uploaded(report.facts());
        }
        if (report.processed().isPresent() && asset.mayRecordVariants().isAllowed()) {
            asset = asset.processed(report.processed().get(), report.measured());
        }
        return asset;
    }

    /** True when every fact the report carries is recorded already, with the same value. */
    private boolean knows(MediaReport report) {
        return switch (report) {
            case MediaReport.Uploaded uploaded -> facts.equals(Optional.of(uploaded.facts()))
                    && uploaded.processed().map(made -> variants.equals(Optional.of(kept(made)))).orElse(true);
            case MediaReport.Processed processed -> variants.equals(Optional.of(kept(processed.made())));
            case MediaReport.Failed failed -> failureReason.equals(Optional.of(failed.reason()));
        };
    }

    /** The expected variants among those made, in the contract's order. */
    private List<String> kept(Collection<String> made) {
        return MediaVariants.expected(resourceType).stream().filter(made::contains).toList();
    }
}
