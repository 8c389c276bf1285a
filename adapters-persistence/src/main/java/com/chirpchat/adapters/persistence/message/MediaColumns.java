package com.chirpchat.adapters.persistence.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.ResourceType;
import io.helidon.dbclient.DbRow;

/**
 * How a message's {@link MediaAsset} maps to the {@code media_*} columns of {@code messages}. The asset is what
 * the media store reported, so each report has its flag: {@code media_upload_reported} says the facts are
 * known (even when every fact column is NULL), {@code media_processing_reported} that the variants are settled
 * (even when none were made, stored as NULL). {@code media_status} is written from {@link MediaAsset#status()}
 * for queries and people, and never read back: the status is derived from the reports, as in the domain.
 * {@code media_variants} lists the variants made, each with what the store measured of it when it said:
 * {@code name} or {@code name;format;bytes;width;height;duration} (empty fields unknown), comma-separated; rows
 * written before the measurements were kept hold names alone, which read as "nothing measured".
 */
final class MediaColumns {
    /** The media columns of {@code messages m}, labelled {@code m_...}. */
    static final String SELECT = """
            m.media_resource_type AS m_media_resource_type, m.media_asset_key AS m_media_asset_key,
            m.media_upload_reported AS m_media_upload_reported, m.media_format AS m_media_format,
            m.media_bytes AS m_media_bytes, m.media_width AS m_media_width, m.media_height AS m_media_height,
            m.media_duration_seconds AS m_media_duration_seconds,
            m.media_processing_reported AS m_media_processing_reported, m.media_variants AS m_media_variants,
            m.media_failure_reason AS m_media_failure_reason, m.media_file_name AS m_media_file_name""";

    /** Column names for an INSERT, in the order of {@link #VALUES}. */
    static final String NAMES = """
            media_status, media_resource_type, media_asset_key, media_upload_reported, media_format, media_bytes,
            media_width, media_height, media_duration_seconds, media_processing_reported, media_variants,
            media_failure_reason, media_file_name""";

    /** Placeholders for an INSERT, bound by {@link #bind}. */
    static final String VALUES = """
            :mediaStatus, :mediaType, :assetKey, :uploadReported, :format, :bytes, :width, :height, :duration,
            :processingReported, :variants, :failureReason, :fileName""";

    /** Assignments for an UPDATE, bound by {@link #bind}. */
    static final String SET = """
            media_status = :mediaStatus, media_resource_type = :mediaType, media_asset_key = :assetKey,
            media_upload_reported = :uploadReported, media_format = :format, media_bytes = :bytes,
            media_width = :width, media_height = :height, media_duration_seconds = :duration,
            media_processing_reported = :processingReported, media_variants = :variants,
            media_failure_reason = :failureReason, media_file_name = :fileName""";

    // variant names are identifiers such as thumbnail_250 (MediaVariants)
    private static final String VARIANT_SEPARATOR = ",";
    private static final String FIELD_SEPARATOR = ";";

    private MediaColumns() {
    }

    /** The media of a live message's row; empty for a text message. */
    static Optional<MediaAsset> read(DbRow row) {
        return Rows.optionalString(row, "m_media_asset_key").map(key -> new MediaAsset(
                ResourceType.parse(Rows.string(row, "m_media_resource_type")),
                key,
                Rows.bool(row, "m_media_upload_reported") ? Optional.of(facts(row)) : Optional.empty(),
                Rows.bool(row, "m_media_processing_reported")
                        ? Optional.of(Rows.optionalString(row, "m_media_variants").map(MediaColumns::names).orElse(List.of()))
                        : Optional.empty(),
                Rows.optionalString(row, "m_media_failure_reason"),
                Rows.optionalString(row, "m_media_variants").map(MediaColumns::measured).orElse(Map.of()),
                Rows.optionalString(row, "m_media_file_name")));
    }

    /** Adds the parameters of {@link #VALUES} / {@link #SET}: all NULL without media. */
    static Params bind(Params params, Optional<MediaAsset> media) {
        Optional<MediaFacts> facts = media.flatMap(MediaAsset::facts);
        Optional<List<String>> variants = media.flatMap(MediaAsset::variants);
        MediaFacts known = facts.orElse(MediaFacts.UNKNOWN);
        return params
                .and("mediaStatus", media.map(a -> a.status().wireName()).orElse(null))
                .and("mediaType", media.map(a -> a.resourceType().wireName()).orElse(null))
                .and("assetKey", media.map(MediaAsset::assetKey).orElse(null))
                .and("uploadReported", media.map(a -> facts.isPresent()).orElse(null))
                .and("format", known.format().orElse(null))
                .and("bytes", known.bytes().isPresent() ? known.bytes().getAsLong() : null)
                .and("width", known.width().isPresent() ? known.width().getAsInt() : null)
                .and("height", known.height().isPresent() ? known.height().getAsInt() : null)
                .and("duration", known.durationSeconds().isPresent() ? known.durationSeconds().getAsDouble() : null)
                .and("processingReported", media.map(a -> variants.isPresent()).orElse(null))
                .and("variants", variants.map(v -> join(v, media.get().variantFacts())).orElse(null))
                .and("failureReason", media.flatMap(MediaAsset::failureReason).orElse(null))
                .and("fileName", media.flatMap(MediaAsset::fileName).orElse(null));
    }

    private static MediaFacts facts(DbRow row) {
        return new MediaFacts(Rows.optionalString(row, "m_media_format"),
                              Rows.optionalLong(row, "m_media_bytes"),
                              Rows.optionalInt(row, "m_media_width"),
                              Rows.optionalInt(row, "m_media_height"),
                              Rows.optionalDouble(row, "m_media_duration_seconds"));
    }

    /** NULL for none: the flag, not the column, says whether processing settled. */
    private static String join(List<String> variants, Map<String, MediaFacts> measured) {
        List<String> entries = new ArrayList<>();
        for (String v : variants) {
            if (v.isEmpty() || v.contains(VARIANT_SEPARATOR) || v.contains(FIELD_SEPARATOR)) {
                // a name with a separator in it would come back as two variants
                throw new IllegalArgumentException("variant names must be non-empty and free of '" + VARIANT_SEPARATOR
                        + "' and '" + FIELD_SEPARATOR + "'");
            }
            MediaFacts facts = measured.get(v);
            if (facts == null || facts.equals(MediaFacts.UNKNOWN)) {
                entries.add(v);
                continue;
            }
            String format = facts.format().filter(f -> !f.contains(VARIANT_SEPARATOR) && !f.contains(FIELD_SEPARATOR)).orElse("");
            entries.add(String.join(FIELD_SEPARATOR, v, format,
                    facts.bytes().isPresent() ? Long.toString(facts.bytes().getAsLong()) : "",
                    facts.width().isPresent() ? Integer.toString(facts.width().getAsInt()) : "",
                    facts.height().isPresent() ? Integer.toString(facts.height().getAsInt()) : "",
                    facts.durationSeconds().isPresent() ? Double.toString(facts.durationSeconds().getAsDouble()) : ""));
        }
        return entries.isEmpty() ? null : String.join(VARIANT_SEPARATOR, entries);
    }

    private static List<String> names(String joined) {
        return Arrays.stream(joined.split(VARIANT_SEPARATOR)).map(e -> e.split(FIELD_SEPARATOR, -1)[0]).toList();
    }

    private static Map<String, MediaFacts> measured(String joined) {
        Map<String, MediaFacts> measured = new LinkedHashMap<>();
        for (String entry : joined.split(VARIANT_SEPARATOR)) {
            String[] f = entry.split(FIELD_SEPARATOR, -1);
            if (f.length == 6) {
                measured.put(f[0], new MediaFacts(f[1].isEmpty() ? Optional.empty() : Optional.of(f[1]),
                        f[2].isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(f[2])),
                        f[3].isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(f[3])),
                        f[4].isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(f[4])),
                        f[5].isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(f[5]))));
            }
        }
        return measured;
    }
}
