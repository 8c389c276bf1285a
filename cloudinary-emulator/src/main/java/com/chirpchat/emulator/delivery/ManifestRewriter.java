package com.chirpchat.emulator.delivery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the relative URIs inside HLS playlists and DASH manifests so that a player can follow them: the main
 * manifest's parts live "under" it ({@code abc.m3u8/v0/index.m3u8}), and when access was granted by a
 * {@code __cld_token__} query parameter every URI carries a token too.
 */
final class ManifestRewriter {

    private static final Pattern HLS_URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");
    private static final Pattern DASH_ATTRIBUTE = Pattern.compile("\\b(initialization|media|sourceURL)=\"([^\"]*)\"");
    private static final Pattern DASH_BASE_URL = Pattern.compile("<BaseURL>([^<]*)</BaseURL>");

    private ManifestRewriter() {
    }

    /**
     * @param prefix  prepended to every relative URI ("abc.m3u8/" for a main manifest, "" for a part)
     * @param query   appended to every relative URI ("" or "?__cld_token__=...")
     */
    static String hls(String playlist, String prefix, String query) {
        StringBuilder out = new StringBuilder(playlist.length() + 256);
        for (String line : playlist.split("\n", -1)) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (l.startsWith("#")) {
                Matcher m = HLS_URI_ATTRIBUTE.matcher(l);
                StringBuilder sb = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(sb, Matcher.quoteReplacement("URI=\"" + uri(m.group(1), prefix, query) + "\""));
                }
                m.appendTail(sb);
                out.append(sb);
            } else if (!l.isBlank()) {
                out.append(uri(l.trim(), prefix, query));
            }
            out.append('\n');
        }
        // split(-1) adds one empty trailing element; keep a single final newline
        return out.substring(0, out.length() - 1);
    }

    static String dash(String mpd, String prefix, String query) {
        String escapedQuery = query.replace("&", "&amp;");
        Matcher m = DASH_ATTRIBUTE.matcher(mpd);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + "=\"" + uri(m.group(2), prefix, escapedQuery) + "\""));
        }
        m.appendTail(sb);
        Matcher b = DASH_BASE_URL.matcher(sb.toString());
        StringBuilder out = new StringBuilder();
        while (b.find()) {
            b.appendReplacement(out, Matcher.quoteReplacement("<BaseURL>" + uri(b.group(1), prefix, "") + "</BaseURL>"));
        }
        b.appendTail(out);
        return out.toString();
    }

    private static String uri(String uri, String prefix, String query) {
        if (uri.isEmpty() || uri.startsWith("/") || uri.contains("://") || uri.startsWith("data:")) {
            return uri;
        }
        String withPrefix = prefix + uri;
        if (query.isEmpty()) {
            return withPrefix;
        }
        return withPrefix + (withPrefix.contains("?") ? "&" + query.substring(1) : query);
    }
}
