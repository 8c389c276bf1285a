package com.chirpchat.emulator.delivery;

import com.chirpchat.emulator.auth.UrlSignatures;
import com.chirpchat.emulator.transform.TransformationParser;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A delivery URL path taken apart: {@code [/{cloud}]/{resource_type}/{type}/[s--SIG--/][transformation/][vN/]rest}.
 * The cloud segment is present in shared-CDN URLs (the SDK's default) and absent with {@code private_cdn}/CNAME
 * setups; both are accepted. Segments stay raw (percent-encoded) because signatures are computed over them.
 *
 * @param prefix          "/{cloud}" or ""
 * @param resourceType    {@code image}, {@code video} or {@code raw}
 * @param type            {@code upload}, {@code private} or {@code authenticated}
 * @param signature       the signature inside {@code s--...--}, if any
 * @param transformation  raw transformation segments
 * @param version         version number, if present
 * @param rest            raw segments after the version: the public id (with extension), possibly followed by the
 *                        path of a part of a streaming manifest
 */
public record DeliveryPath(String prefix, String resourceType, String type, Optional<String> signature,
                           List<String> transformation, Optional<Long> version, List<String> rest) {

    private static final Set<String> RESOURCE_TYPES = Set.of("image", "video", "raw");
    private static final Set<String> TYPES = Set.of("upload", "private", "authenticated");
    private static final Pattern VERSION = Pattern.compile("v(\\d{1,12})");

    /** @return the parsed path, or empty when it is not a delivery URL of this cloud */
    public static Optional<DeliveryPath> parse(String rawPath, String cloudName) {
        List<String> segments = Arrays.asList(rawPath.startsWith("/") ? rawPath.substring(1).split("/", -1) : rawPath.split("/", -1));
        String prefix = "";
        int i = 0;
        if (!segments.isEmpty() && segments.get(0).equals(cloudName)) {
            prefix = "/" + cloudName;
            i = 1;
        }
        if (segments.size() < i + 3) {
            return Optional.empty();
        }
        String rt = segments.get(i);
        String type = segments.get(i + 1);
        if (!RESOURCE_TYPES.contains(rt) || !TYPES.contains(type)) {
            return Optional.empty();
        }
        i += 2;
        Optional<String> signature = Optional.empty();
        Matcher sig = UrlSignatures.SEGMENT.matcher(segments.get(i));
        if (sig.matches()) {
            signature = Optional.of(sig.group(1));
            i++;
        }
        List<String> remaining = segments.subList(i, segments.size());
        if (remaining.isEmpty() || remaining.stream().anyMatch(String::isEmpty)) {
            return Optional.empty();
        }
        int versionAt = -1;
        for (int j = 0; j < remaining.size() - 1; j++) {
            if (VERSION.matcher(remaining.get(j)).matches()) {
                versionAt = j;
                break;
            }
            if (!TransformationParser.looksLikeComponent(remaining.get(j))) {
                break;
            }
        }
        List<String> transformation;
        Optional<Long> version = Optional.empty();
        List<String> rest;
        if (versionAt >= 0) {
            transformation = List.copyOf(remaining.subList(0, versionAt));
            Matcher v = VERSION.matcher(remaining.get(versionAt));
            v.matches();
            version = Optional.of(Long.parseLong(v.group(1)));
            rest = List.copyOf(remaining.subList(versionAt + 1, remaining.size()));
        } else {
            int j = 0;
            while (j < remaining.size() - 1 && TransformationParser.looksLikeComponent(remaining.get(j))) {
                j++;
            }
            transformation = List.copyOf(remaining.subList(0, j));
            rest = List.copyOf(remaining.subList(j, remaining.size()));
        }
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeliveryPath(prefix, rt, type, signature, transformation, version, rest));
    }

    /** @return the transformation segments joined by {@code /} ("" when none) */
    public String transformationText() {
        return String.join("/", transformation);
    }

    /** @return the string an {@code s--SIG--} of this URL signs, for the first {@code idSegments} of {@link #rest} */
    public String toSign(int idSegments) {
        String id = String.join("/", rest.subList(0, idSegments));
        return transformation.isEmpty() ? id : transformationText() + "/" + id;
    }
}
