package com.chirpchat.adapters.cloudinary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.chirpchat.domain.media.MediaVariants;
import com.chirpchat.domain.media.ResourceType;

/**
 * The contract's variants as Cloudinary eager transformations, and back. Eager strings are the ones the SDK's
 * {@code EagerTransformation} builds (a format alone is just {@code mp3}); Cloudinary echoes them in notifications,
 * which are matched after normalising (parameter order, {@code 0.0} = {@code 0}, a leading {@code /}).
 */
final class Variants {
    /** One variant: its contract name, the transformation without the format, and the output format. */
    record Variant(String name, String transformation, String format, OptionalInt width, OptionalInt height) {
        /** The eager string: {@code transformation/format}, or the format alone. */
        String eager() {
            return transformation.isEmpty() ? format : transformation + "/" + format;
        }

        /** HLS and DASH are many files: no single signed download can serve them. */
        boolean streaming() {
            return format.equals("m3u8") || format.equals("mpd");
        }
    }

    private static final Map<ResourceType, List<Variant>> TABLE = Map.of(
            ResourceType.IMAGE, List.of(
                    new Variant("thumbnail_250", "c_fill,g_auto,h_250,w_250", "jpg", OptionalInt.of(250), OptionalInt.of(250)),
                    variant("preview_800", "c_limit,q_auto,w_800", "webp")),
            ResourceType.VIDEO, List.of(
                    variant("mp4", "q_auto,vc_h264", "mp4"),
                    variant("hls", "sp_auto", "m3u8"),
                    variant("dash", "sp_full_hd", "mpd"),
                    variant("poster", "so_0", "jpg"),
                    variant("animated_preview", "c_scale,du_3,fps_10,so_0,w_320", "gif")),
            ResourceType.AUDIO, List.of(
                    variant("mp3", "", "mp3"),
                    variant("waveform", "fl_waveform", "png")),
            ResourceType.RAW, List.of());

    private static final Pattern REDUNDANT_FRACTION = Pattern.compile("^(-?\\d+)\\.0+$");

    static {
        for (ResourceType type : ResourceType.values()) {
            List<String> names = TABLE.get(type).stream().map(Variant::name).toList();
            if (!names.equals(MediaVariants.expected(type))) {
                throw new IllegalStateException("eager table out of step with the contract for " + type + ": " + names);
            }
        }
        // notifications are matched on the string alone (audio and video are both "video" resources)
        long distinct = TABLE.values().stream().flatMap(List::stream).map(v -> normalise(v.eager())).distinct().count();
        if (distinct != TABLE.values().stream().mapToLong(List::size).sum()) {
            throw new IllegalStateException("two variants share an eager transformation");
        }
    }

    private Variants() {
    }

    private static Variant variant(String name, String transformation, String format) {
        return new Variant(name, transformation, format, OptionalInt.empty(), OptionalInt.empty());
    }

    /** The contract's variants of a type, in the contract's order. */
    static List<Variant> of(ResourceType type) {
        return TABLE.get(type);
    }

    static Optional<Variant> named(ResourceType type, String name) {
        return of(type).stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The {@code eager} upload parameter: every variant of the type, {@code |}-joined (empty for raw files). */
    static String eagerParameter(ResourceType type) {
        return of(type).stream().map(Variant::eager).collect(Collectors.joining("|"));
    }

    /** The variant whose eager string Cloudinary echoed, looked up across every type. */
    static Optional<Variant> byTransformation(String transformation) {
        String wanted = normalise(transformation);
        return TABLE.values().stream().flatMap(List::stream)
                .filter(v -> normalise(v.eager()).equals(wanted))
                .findFirst();
    }

    /** Canonical form of a transformation string: components in order, parameters sorted, numbers plain. */
    static String normalise(String transformation) {
        List<String> components = new ArrayList<>();
        for (String component : transformation.trim().toLowerCase(Locale.ROOT).split("/")) {
            if (component.isBlank()) {
                continue;
            }
            components.add(Arrays.stream(component.split(","))
                    .map(String::trim)
                    .filter(p -> !p.isEmpty())
                    .map(Variants::plainNumber)
                    .sorted()
                    .collect(Collectors.joining(",")));
        }
        return String.join("/", components);
    }

    private static String plainNumber(String parameter) {
        int underscore = parameter.indexOf('_');
        if (underscore < 0) {
            return parameter;
        }
        String value = parameter.substring(underscore + 1);
        var m = REDUNDANT_FRACTION.matcher(value);
        return m.matches() ? parameter.substring(0, underscore + 1) + m.group(1) : parameter;
    }
}
