package com.chirpchat.adapters.http.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may call the API and open WebSockets. A request without {@code Origin} is not from a
 * browser page and is allowed. With no origins configured only pages served by this very server on a loopback
 * address are allowed: the {@code Origin} must be {@code http(s)://localhost|127.0.0.1|[::1]:PORT} and the
 * request's {@code Host} a loopback address with the same port (a page on another local port is a different
 * site; a DNS-rebinding page names its own host). {@code "*"} allows every origin (development only).
 */
public final class OriginPolicy {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> allowed;
    private final boolean anyOrigin;

    private OriginPolicy(Set<String> allowed, boolean anyOrigin) {
        this.allowed = allowed;
        this.anyOrigin = anyOrigin;
    }

    public static OriginPolicy create(List<String> origins) {
        boolean any = origins.stream().anyMatch(o -> o.strip().equals("*"));
        Set<String> normalized = origins.stream()
                .map(String::strip)
                .filter(o -> !o.isEmpty() && !o.equals("*"))
                .map(OriginPolicy::normalize)
                .collect(Collectors.toUnmodifiableSet());
        return new OriginPolicy(normalized, any);
    }

    /** True when a request with this {@code Origin} header (if any) and {@code Host} header may proceed. */
    public boolean allows(Optional<String> origin, Optional<String> host) {
        if (origin.isEmpty()) {
            return true;
        }
        if (anyOrigin) {
            return true;
        }
        String normalized = normalize(origin.get());
        if (!allowed.isEmpty()) {
            return allowed.contains(normalized);
        }
        return host.isPresent() && sameLoopbackServer(normalized, host.get().strip().toLowerCase(Locale.ROOT));
    }

    private static boolean sameLoopbackServer(String origin, String host) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null
                    || !LOOPBACK.contains(uri.getHost()) || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                return false;
            }
            int originPort = uri.getPort() == -1 ? ("https".equals(scheme) ? 443 : 80) : uri.getPort();
            int colon = host.lastIndexOf(':');
            boolean hasPort = colon > 0 && host.indexOf(']', colon) < 0;
            String hostName = hasPort ? host.substring(0, colon) : host;
            int hostPort = hasPort ? Integer.parseInt(host.substring(colon + 1)) : ("https".equals(scheme) ? 443 : 80);
            return LOOPBACK.contains(hostName) && hostPort == originPort;
        } catch (Exception e) {
            return false; // unparsable origin or host: not ours
        }
    }

    private static String normalize(String origin) {
        String value = origin.strip().toLowerCase(Locale.ROOT);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
