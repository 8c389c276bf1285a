package com.chirpchat.emulator.delivery;

import com.chirpchat.emulator.auth.AuthTokens;
import com.chirpchat.emulator.auth.UrlSignatures;
import com.chirpchat.emulator.settings.Credentials;
import com.chirpchat.emulator.web.Loopback;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a delivery request may see a file, following Cloudinary:
 * <ul>
 *   <li>{@code upload}: public (a signature, if present, must still be valid);</li>
 *   <li>{@code private}: the original needs a signature or token, derived files are public;</li>
 *   <li>{@code authenticated}: original and derived files need a valid {@code s--SIG--} or
 *       {@code __cld_token__} (query parameter or cookie).</li>
 * </ul>
 * Tokens are checked against the request path both as received and without the leading {@code /{cloud}}
 * segment, so an ACL written for private-CDN paths ({@code /video/authenticated/*}) and one written for
 * shared-CDN paths ({@code /chirpchat/video/authenticated/*}) both work.
 */
final class AccessControl {

    private final Credentials credentials;
    private final Clock clock;

    AccessControl(Credentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * @param path         the parsed request path
     * @param idSegments   how many of {@code path.rest()} form the signed public id
     * @param isDerived    whether a derived file (not the original) is requested
     * @param tokenOnly    whether the asset's {@code access_control} admits tokens only (a signature never expires,
     *                     so it does not open such an asset)
     */
    Access check(ServerRequest req, DeliveryPath path, int idSegments, boolean isDerived, boolean tokenOnly) {
        boolean signatureValid = path.signature()
                .map(sig -> UrlSignatures.verify(path.toSign(idSegments), sig, credentials.apiSecret()))
                .orElse(false);
        if (path.signature().isPresent() && !signatureValid) {
            throw new DeliveryDenied(401, "Invalid signature");
        }
        if (tokenOnly) {
            signatureValid = false; // fall through to the token check below
        }
        boolean restricted = tokenOnly || switch (path.type()) {
            case "authenticated" -> true;
            case "private" -> !isDerived;
            default -> false;
        };
        if (signatureValid) {
            return Access.of(Access.Via.SIGNATURE);
        }
        if (!restricted) {
            return Access.of(Access.Via.PUBLIC);
        }
        List<String> paths = candidatePaths(req.path().rawPath(), path.prefix());
        Optional<String> queryToken = queryToken(req.query().rawValue());
        Optional<String> cookieToken = cookieToken(req);
        if (queryToken.isEmpty() && cookieToken.isEmpty()) {
            throw new DeliveryDenied(401, tokenOnly ? "Authentication required: this asset is accessible only with a "
                    + AuthTokens.NAME + " (access_control token)" : "Authentication required: signed URL or " + AuthTokens.NAME);
        }
        // A token is tried as sent and percent-decoded (clients differ in how they put it in a URL); the verdict that
        // says most is kept, so an expired token is refused as expired, not as a bad HMAC of its other spelling.
        AuthTokens.Verdict verdict = null;
        Access.Via via = null;
        List<String> candidates = queryToken.map(t -> List.of(t, AuthTokens.percentDecode(t))).orElse(List.of());
        for (String candidate : candidates) {
            AuthTokens.Verdict v = AuthTokens.verify(candidate, credentials.tokenKeyBytes(), paths,
                    clock.instant().getEpochSecond(), Loopback.remoteIp(req));
            if (verdict == null || rank(v) > rank(verdict)) {
                verdict = v;
                via = Access.Via.QUERY_TOKEN;
            }
        }
        if ((verdict == null || !verdict.valid()) && cookieToken.isPresent()) {
            AuthTokens.Verdict v = AuthTokens.verify(cookieToken.get(), credentials.tokenKeyBytes(), paths,
                    clock.instant().getEpochSecond(), Loopback.remoteIp(req));
            if (verdict == null || rank(v) > rank(verdict)) {
                verdict = v;
                via = Access.Via.COOKIE_TOKEN;
            }
        }
        if (verdict == null || !verdict.valid()) {
            throw new DeliveryDenied(403, "Token refused: " + (verdict == null ? "missing" : verdict.outcome().name().toLowerCase()));
        }
        return new Access(via, verdict.token());
    }

    /** How much a verdict tells: valid, then refusals of a genuine token (expired...), then a bad HMAC, then garbage. */
    private static int rank(AuthTokens.Verdict v) {
        return switch (v.outcome()) {
            case VALID -> 3;
            case MALFORMED -> 0;
            case BAD_HMAC -> 1;
            default -> 2;
        };
    }

    /** The request path as received, and without the cloud-name segment. */
    static List<String> candidatePaths(String rawPath, String prefix) {
        List<String> paths = new ArrayList<>();
        paths.add(rawPath);
        if (!prefix.isEmpty() && rawPath.startsWith(prefix + "/")) {
            paths.add(rawPath.substring(prefix.length()));
        }
        return paths;
    }

    static Optional<String> queryToken(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith(AuthTokens.NAME + "=")) {
                return Optional.of(pair.substring(AuthTokens.NAME.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> cookieToken(ServerRequest req) {
        for (String header : req.headers().all(HeaderNames.COOKIE, List::of)) {
            for (String cookie : header.split(";")) {
                String c = cookie.trim();
                if (c.startsWith(AuthTokens.NAME + "=")) {
                    String v = c.substring(AuthTokens.NAME.length() + 1);
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1);
                    }
                    return Optional.of(v);
                }
            }
        }
        return Optional.empty();
    }
}
