package com.chirpchat.emulator.probe;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns ffprobe's JSON into what Cloudinary reports about a video or audio file. Width and height are those of the
 * picture as shown: phones store portrait video as landscape frames with a display rotation, and some cameras
 * store non-square pixels (a sample aspect ratio); players apply both, and so does every output made from it.
 */
final class AvDescription {

    private AvDescription() {
    }

    /** @throws ProbeException when the file has neither a video nor an audio stream ffmpeg can read */
    static Probe of(JsonNode root) throws ProbeException {
        JsonNode format = root.path("format");
        String formatName = format.path("format_name").asText("");
        if (formatName.isEmpty() || formatName.endsWith("_pipe") || formatName.equals("image2") || formatName.equals("tty")) {
            throw new ProbeException("Unsupported video format or file", false);
        }
        JsonNode video = null;
        JsonNode audio = null;
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asText();
            boolean attachedPicture = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if ("video".equals(type) && !attachedPicture && video == null) {
                video = stream;
            } else if ("audio".equals(type) && audio == null) {
                audio = stream;
            }
        }
        if (video == null && audio == null) {
            throw new ProbeException("Unsupported video format or file", false);
        }
        double duration = number(format.path("duration"));
        if (duration <= 0 && video != null) {
            duration = number(video.path("duration"));
        }
        if (duration <= 0 && audio != null) {
            duration = number(audio.path("duration"));
        }
        Map<String, Object> media = new LinkedHashMap<>();
        long bitRate = (long) number(format.path("bit_rate"));
        if (bitRate > 0) {
            media.put("bit_rate", bitRate);
        }
        int[] shown = {0, 0};
        if (video != null) {
            shown = displayed(video);
            media.put("video", videoDetails(video));
            double fps = rate(video.path("avg_frame_rate").asText(""));
            if (fps <= 0) {
                fps = rate(video.path("r_frame_rate").asText(""));
            }
            if (fps > 0) {
                media.put("frame_rate", Math.round(fps * 1000) / 1000.0);
            }
            if (video.has("nb_frames")) {
                media.put("nb_frames", video.path("nb_frames").asLong());
            }
        }
        if (audio != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("codec", audio.path("codec_name").asText(""));
            if (audio.has("bit_rate")) {
                a.put("bit_rate", audio.path("bit_rate").asText());
            }
            a.put("frequency", audio.path("sample_rate").asInt(0));
            a.put("channels", audio.path("channels").asInt(0));
            a.put("channel_layout", audio.path("channel_layout").asText(""));
            media.put("audio", a);
        }
        Probe.Kind kind = video != null ? Probe.Kind.VIDEO : Probe.Kind.AUDIO;
        String name = AvFormats.name(formatName, kind, video, audio, format.path("tags").path("major_brand").asText("").trim());
        return new Probe(kind, name, shown[0], shown[1], Math.round(duration * 1000) / 1000.0, 0, media);
    }

    /** @return {width, height} as displayed: stored size stretched by the sample aspect ratio, then rotated */
    static int[] displayed(JsonNode video) {
        int w = video.path("width").asInt(0);
        int h = video.path("height").asInt(0);
        String[] sar = video.path("sample_aspect_ratio").asText("1:1").split(":");
        if (sar.length == 2) {
            double num = number(sar[0]);
            double den = number(sar[1]);
            if (num > 0 && den > 0 && num != den) {
                w = (int) Math.round(w * num / den);
            }
        }
        return quarterTurned(rotation(video)) ? new int[] {h, w} : new int[] {w, h};
    }

    /** @return the display rotation in degrees: the display matrix, or the old {@code rotate} tag */
    static int rotation(JsonNode video) {
        for (JsonNode side : video.path("side_data_list")) {
            if (side.has("rotation")) {
                return side.path("rotation").asInt(0);
            }
        }
        return (int) number(video.path("tags").path("rotate"));
    }

    private static boolean quarterTurned(int degrees) {
        return Math.floorMod(Math.round(degrees / 90f), 2) == 1;
    }

    private static Map<String, Object> videoDetails(JsonNode video) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("pix_format", video.path("pix_fmt").asText(""));
        v.put("codec", video.path("codec_name").asText(""));
        if (video.has("level")) {
            v.put("level", video.path("level").asInt());
        }
        if (video.has("profile")) {
            v.put("profile", video.path("profile").asText());
        }
        if (video.has("bit_rate")) {
            v.put("bit_rate", video.path("bit_rate").asText());
        }
        v.put("time_base", video.path("time_base").asText(""));
        return v;
    }

    static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        return number(node.asText("0"));
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double rate(String fraction) {
        int slash = fraction.indexOf('/');
        if (slash < 0) {
            return number(fraction);
        }
        double den = number(fraction.substring(slash + 1));
        return den == 0 ? 0 : number(fraction.substring(0, slash)) / den;
    }
}
