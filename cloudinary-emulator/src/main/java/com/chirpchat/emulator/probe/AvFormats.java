package com.chirpchat.emulator.probe;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/** Cloudinary's format names for what ffprobe calls a container ({@code mov,mp4,...} is mp4, m4a, mov or 3gp...). */
final class AvFormats {

    private static final Set<String> WEBM_CODECS = Set.of("vp8", "vp9", "av1", "opus", "vorbis");

    private AvFormats() {
    }

    static String name(String formatName, Probe.Kind kind, JsonNode video, JsonNode audio, String majorBrand) {
        boolean audioOnly = kind == Probe.Kind.AUDIO;
        if (formatName.startsWith("mov,mp4")) {
            if (audioOnly) {
                return "m4a";
            }
            if ("qt".equals(majorBrand)) {
                return "mov";
            }
            if (majorBrand.startsWith("3g")) {
                return "3gp";
            }
            return "mp4";
        }
        if (formatName.startsWith("matroska")) {
            boolean webm = (video == null || WEBM_CODECS.contains(video.path("codec_name").asText()))
                    && (audio == null || WEBM_CODECS.contains(audio.path("codec_name").asText()));
            return webm ? "webm" : "mkv";
        }
        return switch (formatName) {
            case "ogg" -> audioOnly ? "ogg" : "ogv";
            case "mpegts" -> "ts";
            case "asf" -> audioOnly ? "wma" : "wmv";
            case "mp3", "wav", "flac", "aac", "avi", "flv", "mpeg", "gif", "aiff", "amr", "caf", "opus" -> formatName;
            default -> formatName.contains(",") ? formatName.substring(0, formatName.indexOf(',')) : formatName;
        };
    }
}
