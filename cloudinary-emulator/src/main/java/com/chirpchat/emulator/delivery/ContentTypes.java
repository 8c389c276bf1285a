package com.chirpchat.emulator.delivery;

import java.util.Locale;
import java.util.Map;

/** Content types of delivered files, by extension. */
public final class ContentTypes {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("webp", "image/webp"), Map.entry("gif", "image/gif"), Map.entry("bmp", "image/bmp"),
            Map.entry("tiff", "image/tiff"), Map.entry("svg", "image/svg+xml"), Map.entry("ico", "image/x-icon"),
            Map.entry("heic", "image/heic"), Map.entry("heif", "image/heif"), Map.entry("avif", "image/avif"),
            Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"), Map.entry("mov", "video/quicktime"),
            Map.entry("mkv", "video/x-matroska"), Map.entry("avi", "video/x-msvideo"), Map.entry("ogv", "video/ogg"),
            Map.entry("3gp", "video/3gpp"), Map.entry("flv", "video/x-flv"), Map.entry("wmv", "video/x-ms-wmv"),
            Map.entry("m3u8", "application/x-mpegURL"), Map.entry("mpd", "application/dash+xml"),
            Map.entry("ts", "video/mp2t"), Map.entry("m4s", "video/iso.segment"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"), Map.entry("aac", "audio/aac"),
            Map.entry("ogg", "audio/ogg"), Map.entry("opus", "audio/ogg"), Map.entry("wav", "audio/wav"),
            Map.entry("flac", "audio/flac"), Map.entry("wma", "audio/x-ms-wma"), Map.entry("aiff", "audio/aiff"),
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("csv", "text/csv"), Map.entry("zip", "application/zip"),
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("xml", "application/xml"));

    private ContentTypes() {
    }

    public static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
