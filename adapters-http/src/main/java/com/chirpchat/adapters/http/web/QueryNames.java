package com.chirpchat.adapters.http.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import com.chirpchat.adapters.http.problem.ProblemException;

/**
 * Refuses a query string that names a parameter more than once ({@code ?limit=5&limit=500}): which value wins
 * differs between frameworks, proxies and caches, so an ambiguous request is a 400 on every path, whether or not
 * the route reads that parameter. Names are compared decoded ({@code %75sername} is {@code username}).
 */
public final class QueryNames {
    private QueryNames() {
    }

    /** @param rawQuery the query as it arrived (without {@code ?}), empty when there is none */
    public static void requireDistinct(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!seen.add(name)) {
                throw ProblemException.badRequest("query parameter '" + printable(name) + "' is given more than once");
            }
        }
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("the query string is not properly percent-encoded");
        }
    }

    private static String printable(String name) {
        String shown = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        return shown.codePoints().allMatch(c -> c >= 0x20 && c < 0x7f) ? shown : "(not printable)";
    }
}
