package com.chirpchat.emulator.transform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses Cloudinary transformation strings: components joined by {@code /}, parameters inside a component joined
 * by {@code ,}, each {@code key_value}; an eager item may end with a bare {@code /ext} format (or be only
 * {@code ext} or {@code /ext}); several eager items are joined by {@code |}. Anything the emulator cannot really do
 * is refused with a Cloudinary-style message rather than silently ignored.
 */
public final class TransformationParser {

    public static final Set<String> IMAGE_FORMATS = Set.of("jpg", "png", "webp", "gif", "bmp");
    public static final Set<String> VIDEO_FORMATS = Set.of("mp4", "webm", "m3u8", "mpd");
    public static final Set<String> AUDIO_FORMATS = Set.of("mp3", "m4a", "ogg", "wav", "aac", "flac");

    private static final Set<String> CROPS = Set.of("fill", "lfill", "limit", "scale", "crop", "pad", "lpad", "fit", "thumb");
    private static final Set<String> GRAVITIES = Set.of("center", "north", "south", "east", "west", "north_east",
            "north_west", "south_east", "south_west", "face", "faces");
    private static final Set<String> PROFILES = Set.of("auto", "full_hd", "full_hd_wifi", "full_hd_lean", "hd", "hd_lean",
            "sd", "4k");
    private static final Set<String> FLAGS = Set.of("waveform", "attachment", "progressive", "lossy", "streaming_attachment");
    private static final Set<String> COLORS = Set.of("white", "black", "transparent", "red", "green", "blue", "gray",
            "grey", "yellow", "orange", "purple", "pink", "brown", "cyan", "magenta");
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern PERCENT = Pattern.compile("\\d+(\\.\\d+)?p");
    private static final Pattern RGB = Pattern.compile("rgb:([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})");
    private static final Pattern BITRATE = Pattern.compile("\\d+[km]?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,6}");
    private static final Pattern BARE_FORMAT = Pattern.compile("[a-z0-9]{2,5}");

    private TransformationParser() {
    }

    /** Parses an {@code eager} parameter ({@code |}-joined items). */
    public static List<Transformation> parseEager(String eager) throws TransformationException {
        List<Transformation> out = new ArrayList<>();
        for (String item : eager.split("\\|")) {
            if (!item.isBlank()) {
                out.add(parse(item.trim()));
            }
        }
        if (out.size() > 20) {
            throw new TransformationException("Too many eager transformations (at most 20)");
        }
        return out;
    }

    /** Parses one eager item, e.g. {@code c_fill,g_auto,h_250,w_250/jpg}, {@code sp_auto/m3u8}, {@code mp3}. */
    public static Transformation parse(String text) throws TransformationException {
        List<String> components = new ArrayList<>(List.of(text.split("/", -1)));
        String format = "";
        String last = components.get(components.size() - 1).toLowerCase(Locale.ROOT);
        if (!last.contains("_") && BARE_FORMAT.matcher(last).matches()) {
            format = format(last);
            components.remove(components.size() - 1);
        }
        List<Step> steps = steps(components);
        if (steps.isEmpty() && format.isEmpty()) {
            throw new TransformationException("Invalid transformation - '" + text + "'");
        }
        return new Transformation(steps, format, text);
    }

    /**
     * Parses the transformation part of a delivery URL.
     *
     * @param components transformation path segments (already percent-decoded)
     * @param extension  extension of the requested file, "" when none
     */
    public static Transformation parseDelivery(List<String> components, String extension) throws TransformationException {
        String format = extension.isEmpty() ? "" : format(extension.toLowerCase(Locale.ROOT));
        return new Transformation(steps(components), format, String.join("/", components));
    }

    /** @return whether a path segment looks like a transformation component (so it is not part of a public id) */
    public static boolean looksLikeComponent(String segment) {
        if (segment.isEmpty()) {
            return false;
        }
        for (String token : segment.split(",")) {
            int us = token.indexOf('_');
            if (us <= 0 || !KEYS.contains(token.substring(0, us))) {
                return false;
            }
        }
        return true;
    }

    private static final Set<String> KEYS = Set.of("c", "w", "h", "g", "q", "f", "so", "eo", "du", "fps", "sp", "vc",
            "ac", "fl", "e", "b", "co", "br", "x", "y", "t");

    private static List<Step> steps(List<String> components) throws TransformationException {
        List<Step> steps = new ArrayList<>();
        for (String component : components) {
            if (component.isEmpty()) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (String token : component.split(",")) {
                int us = token.indexOf('_');
                if (us <= 0 || us == token.length() - 1) {
                    throw new TransformationException("Invalid transformation component - " + token);
                }
                String key = token.substring(0, us);
                String value = normalize(key, token.substring(us + 1), token);
                if (params.put(key, value) != null) {
                    throw new TransformationException("Duplicate transformation parameter - " + key);
                }
            }
            steps.add(new Step(params));
        }
        return steps;
    }

    private static String normalize(String key, String raw, String token) throws TransformationException {
        String v = raw.toLowerCase(Locale.ROOT);
        switch (key) {
            case "w", "h" -> {
                if (NUMBER.matcher(v).matches()) {
                    BigDecimal n = new BigDecimal(v);
                    boolean relative = n.compareTo(BigDecimal.ONE) <= 0 && v.contains(".");
                    if (n.signum() > 0 && (relative || n.compareTo(BigDecimal.valueOf(16384)) <= 0)) {
                        return number(v);
                    }
                }
                throw invalid(token);
            }
            case "c" -> {
                return oneOf(CROPS, v, token);
            }
            case "g" -> {
                if (v.equals("auto") || v.startsWith("auto:") || GRAVITIES.contains(v)) {
                    return v;
                }
                throw invalid(token);
            }
            case "q" -> {
                if (v.equals("auto") || v.startsWith("auto:")) {
                    return v;
                }
                if (INTEGER.matcher(v).matches() && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= 100) {
                    return String.valueOf(Integer.parseInt(v));
                }
                throw invalid(token);
            }
            case "f" -> {
                return v.equals("auto") ? v : format(v);
            }
            case "so", "eo", "du" -> {
                if (NUMBER.matcher(v).matches()) {
                    return number(v);
                }
                if (PERCENT.matcher(v).matches()) {
                    return number(v.substring(0, v.length() - 1)) + "p";
                }
                throw invalid(token);
            }
            case "fps" -> {
                String first = v.contains("-") ? v.substring(0, v.indexOf('-')) : v;
                if (NUMBER.matcher(first).matches() && new BigDecimal(first).signum() > 0
                        && new BigDecimal(first).compareTo(BigDecimal.valueOf(120)) <= 0) {
                    return number(first);
                }
                throw invalid(token);
            }
            case "sp" -> {
                return oneOf(PROFILES, v, token);
            }
            case "vc" -> {
                String codec = v.contains(":") ? v.substring(0, v.indexOf(':')) : v;
                return oneOf(Set.of("h264", "h265", "vp9", "vp8", "auto", "none"), codec, token);
            }
            case "ac" -> {
                return oneOf(Set.of("aac", "mp3", "opus", "vorbis", "none"), v, token);
            }
            case "fl" -> {
                for (String flag : v.split("\\.")) {
                    if (!FLAGS.contains(flag)) {
                        throw new TransformationException("Invalid flag - " + flag);
                    }
                }
                return v;
            }
            case "e" -> {
                String effect = v.contains(":") ? v.substring(0, v.indexOf(':')) : v;
                if (effect.equals("loop") || effect.equals("grayscale")) {
                    return v;
                }
                throw new TransformationException("Unsupported effect - " + raw);
            }
            case "b", "co" -> {
                if (RGB.matcher(v).matches() || COLORS.contains(v)) {
                    return v;
                }
                throw invalid(token);
            }
            case "br" -> {
                if (BITRATE.matcher(v).matches()) {
                    return v;
                }
                throw invalid(token);
            }
            case "x", "y" -> {
                if (INTEGER.matcher(v).matches()) {
                    return String.valueOf(Integer.parseInt(v));
                }
                throw invalid(token);
            }
            case "t" -> throw new TransformationException("Named transformations are not supported by the emulator - " + raw);
            default -> throw new TransformationException("Invalid transformation component - " + token);
        }
    }

    private static String format(String ext) throws TransformationException {
        String f = ext.equals("jpeg") ? "jpg" : ext;
        if (IMAGE_FORMATS.contains(f) || VIDEO_FORMATS.contains(f) || AUDIO_FORMATS.contains(f)) {
            return f;
        }
        throw new TransformationException("Invalid extension in transformation: " + ext);
    }

    private static String oneOf(Set<String> allowed, String v, String token) throws TransformationException {
        if (allowed.contains(v)) {
            return v;
        }
        throw invalid(token);
    }

    private static String number(String v) {
        return new BigDecimal(v).stripTrailingZeros().toPlainString();
    }

    private static TransformationException invalid(String token) {
        return new TransformationException("Invalid transformation component - " + token);
    }
}
