package com.chirpchat.emulator.upload;

import com.chirpchat.emulator.web.ApiException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parsing and validation of individual upload parameters. */
final class UploadParams {

    static final Set<String> TYPES = Set.of("upload", "private", "authenticated");

    private UploadParams() {
    }

    static String type(Optional<String> type) {
        String t = type.orElse("upload");
        if (!TYPES.contains(t)) {
            throw ApiException.badRequest("Invalid type - " + t + " (supported: upload, private, authenticated)");
        }
        return t;
    }

    /** Trims slashes and checks a public id or folder is a sane path. */
    static String path(String value, String what) {
        String v = value.trim();
        while (v.startsWith("/")) {
            v = v.substring(1);
        }
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.isEmpty() || v.length() > 255) {
            throw ApiException.badRequest("Invalid " + what + " - '" + value + "'");
        }
        for (String segment : v.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw ApiException.badRequest("Invalid " + what + " - '" + value + "'");
            }
        }
        for (char c : v.toCharArray()) {
            if (c < 0x20 || c == 0x7f || c == '\\' || c == '?' || c == '#' || c == '&' || c == '%' || c == '<' || c == '>') {
                throw ApiException.badRequest("Invalid " + what + " - '" + value + "'");
            }
        }
        return v;
    }

    static List<String> tags(Optional<String> tags) {
        List<String> out = new ArrayList<>();
        tags.ifPresent(t -> Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add));
        return out;
    }

    /** {@code key=value|key2=value2}, with {@code \|} and {@code \=} escaping literal characters. */
    static Map<String, String> context(Optional<String> context) {
        Map<String, String> out = new LinkedHashMap<>();
        if (context.isEmpty()) {
            return out;
        }
        List<String> pairs = splitUnescaped(context.get(), '|');
        for (String pair : pairs) {
            List<String> kv = splitUnescaped(pair, '=');
            String key = unescape(kv.get(0)).trim();
            if (key.isEmpty()) {
                continue;
            }
            String value = kv.size() > 1 ? unescape(String.join("=", kv.subList(1, kv.size()))) : "";
            out.put(key, value);
        }
        return out;
    }

    /**
     * Whether {@code access_control} makes the asset token-only: a JSON array of access types, of which the emulator
     * knows {@code token} (Cloudinary's "accessible only with a token"). Anonymous access windows are not emulated.
     */
    static boolean tokenOnly(Optional<String> accessControl) {
        if (accessControl.isEmpty() || accessControl.get().isBlank()) {
            return false;
        }
        com.fasterxml.jackson.databind.JsonNode rules;
        try {
            rules = com.chirpchat.emulator.web.Json.MAPPER.readTree(accessControl.get());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("Invalid access_control - must be a JSON array of access rules");
        }
        if (rules.isObject()) {
            rules = com.chirpchat.emulator.web.Json.MAPPER.createArrayNode().add(rules);
        }
        if (!rules.isArray() || rules.isEmpty()) {
            throw ApiException.badRequest("Invalid access_control - must be a JSON array of access rules");
        }
        for (com.fasterxml.jackson.databind.JsonNode rule : rules) {
            String accessType = rule.path("access_type").asText("");
            if (!accessType.equals("token")) {
                throw ApiException.badRequest("Invalid access_control - access_type " + accessType
                        + " is not supported by the emulator (only token)");
            }
        }
        return true;
    }

    static List<String> formats(Optional<String> allowed) {
        List<String> out = new ArrayList<>();
        allowed.ifPresent(a -> Arrays.stream(a.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .map(s -> s.equals("jpeg") ? "jpg" : s)
                .forEach(out::add));
        return out;
    }

    static Optional<String> notificationUrl(Optional<String> url, String name) {
        if (url.isEmpty()) {
            return url;
        }
        try {
            URI uri = new URI(url.get());
            if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw ApiException.badRequest("Invalid " + name + " - " + url.get());
            }
            return url;
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("Invalid " + name + " - " + url.get());
        }
    }

    private static List<String> splitUnescaped(String s, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
            } else if (c == sep) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String unescape(String s) {
        return s.replaceAll("\\\\(.)", "$1");
    }
}
