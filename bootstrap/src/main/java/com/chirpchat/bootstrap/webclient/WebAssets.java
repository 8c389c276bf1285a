package com.chirpchat.bootstrap.webclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web client's built files, read from the class path or module path (module {@code com.chirpchat.web}, under
 * {@code META-INF/chirpchat/web}, which is no package and so readable from here) and kept in memory once asked for:
 * the whole client is well under a megabyte. Only names the build can produce are looked up, and files that do
 * not exist are not remembered, so requests cannot grow the cache.
 */
public final class WebAssets {
    static final String ROOT = "META-INF/chirpchat/web/";
    private static final Pattern NAME = Pattern.compile("(assets/)?[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"), Map.entry("woff2", "font/woff2"), Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("wasm", "application/wasm"));

    /** One file: its bytes, content type and entity tag. */
    public record Asset(byte[] bytes, String contentType, String etag) {
    }

    private final ClassLoader loader;
    private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

    public WebAssets(ClassLoader loader) {
        this.loader = loader;
    }

    /** True when the client was built and packaged (its index.html is there). */
    public boolean present() {
        return find("index.html").isPresent();
    }

    /** The file at {@code name} (relative to the client's root, e.g. {@code assets/index-3f2a.js}). */
    public Optional<Asset> find(String name) {
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        Asset known = loaded.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            Asset asset = new Asset(bytes, type(name), etag(bytes));
            loaded.put(name, asset);
            return Optional.of(asset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + name, e);
        }
    }

    private static String type(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
