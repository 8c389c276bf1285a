package com.chirpchat.domain.media;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import com.chirpchat.domain.common.Decision;
import com.chirpchat.domain.common.Reason;

/**
 * How big and of which formats uploads may be, per type. Checked twice: against what the client declares when
 * asking to upload ({@link #mayDeclare}), and against what the store measured when the upload arrived
 * ({@link #violation}): a client can lie.
 */
public record MediaLimits(Map<ResourceType, Limit> limits) {
    public MediaLimits {
        if (!limits.keySet().containsAll(Set.of(ResourceType.values()))) {
            throw new IllegalArgumentException("a limit for every resource type is needed");
        }
        limits = Map.copyOf(limits);
    }

    /** Limits for one type; formats are lower-case file extensions. */
    public record Limit(long maxBytes, Set<String> formats) {
        public Limit {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be positive");
            }
            formats = Set.copyOf(formats.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList());
        }
    }

    public static MediaLimits defaults() {
        Map<ResourceType, Limit> map = new EnumMap<>(ResourceType.class);
        map.put(ResourceType.IMAGE, new Limit(20L << 20, Set.of("jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "avif")));
        map.put(ResourceType.VIDEO, new Limit(200L << 20, Set.of("mp4", "mov", "webm", "mkv", "m4v", "avi", "3gp")));
        map.put(ResourceType.AUDIO, new Limit(50L << 20, Set.of("mp3", "m4a", "aac", "wav", "ogg", "oga", "opus", "flac")));
        map.put(ResourceType.RAW, new Limit(25L << 20, Set.of("pdf", "txt", "csv", "zip", "json", "md", "rtf", "doc", "docx",
                                                              "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp")));
        return new MediaLimits(map);
    }

    public Limit of(ResourceType type) {
        return limits.get(type);
    }

    /** Whether a client may announce an upload of this size and name (both optional): too large, wrong format or malformed is refused. */
    public Decision mayDeclare(ResourceType type, OptionalLong bytes, Optional<String> fileName) {
        Limit limit = of(type);
        if (bytes.isPresent()) {
            if (bytes.getAsLong() < 1) {
                return Decision.rejected(Reason.INVALID, "bytes: must be positive");
            }
            if (bytes.getAsLong() > limit.maxBytes()) {
                return Decision.rejected(Reason.TOO_LARGE, type.wireName() + " uploads are limited to " + limit.maxBytes() + " bytes");
            }
        }
        if (fileName.isPresent()) {
            String name = fileName.get();
            if (name.isBlank() || name.length() > 255 || name.chars().anyMatch(Character::isISOControl)) {
                return Decision.rejected(Reason.INVALID, "fileName: must be 1 to 255 characters without control characters");
            }
            String extension = extension(name);
            if (!limit.formats().contains(extension)) {
                return Decision.rejected(Reason.UNSUPPORTED_FORMAT, "." + extension + " is not an allowed " + type.wireName()
                        + " format; allowed: " + limit.formats().stream().sorted().toList());
            }
        }
        return Decision.allowed();
    }

    /** Why the measured upload breaks the limits, if it does. */
    public Optional<String> violation(ResourceType type, MediaFacts measured) {
        Limit limit = of(type);
        if (measured.bytes().isPresent() && measured.bytes().getAsLong() > limit.maxBytes()) {
            return Optional.of("the file is " + measured.bytes().getAsLong() + " bytes, over the limit of " + limit.maxBytes());
        }
        if (measured.format().isPresent() && !limit.formats().contains(measured.format().get().toLowerCase(Locale.ROOT))) {
            return Optional.of("format " + measured.format().get() + " is not allowed for " + type.wireName());
        }
        return Optional.empty();
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 || dot == fileName.length() - 1 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
