package com.chirpchat.emulator.video;

import com.chirpchat.emulator.ffmpeg.Ffmpeg;
import com.chirpchat.emulator.ffmpeg.FfmpegException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The last resort of "never bigger than the source": a source that already is web video (H.264 4:2:0 with AAC or
 * no sound, in MP4/MOV, square pixels, no display rotation) is repackaged as it is, index first, when re-encoding
 * it cannot come out smaller (a source already tightly compressed). Only for transformations that change nothing
 * but the container.
 */
final class Remux {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CONTAINER_ONLY = Set.of("q", "vc", "f");

    private final Ffmpeg ffmpeg;

    Remux(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    static boolean changesOnlyTheContainer(com.chirpchat.emulator.transform.Step p) {
        return CONTAINER_ONLY.containsAll(p.params().keySet()) && p.get("vc").map(v -> v.equals("h264") || v.equals("auto")).orElse(true);
    }

    /** @return whether the source's streams can be copied into a web MP4 as they are */
    boolean copyable(Path src) {
        try {
            JsonNode root = JSON.readTree(ffmpeg.probe(src));
            if (!root.path("format").path("format_name").asText("").startsWith("mov,mp4")) {
                return false;
            }
            int videos = 0;
            for (JsonNode s : root.path("streams")) {
                String type = s.path("codec_type").asText();
                if (type.equals("video") && s.path("disposition").path("attached_pic").asInt(0) == 0) {
                    videos++;
                    String sar = s.path("sample_aspect_ratio").asText("1:1");
                    boolean ok = s.path("codec_name").asText().equals("h264") && s.path("pix_fmt").asText().equals("yuv420p")
                            && Set.of("1:1", "0:1", "").contains(sar) && AvRotation.of(s) == 0
                            && s.path("width").asInt() % 2 == 0 && s.path("height").asInt() % 2 == 0;
                    if (!ok) {
                        return false;
                    }
                } else if (type.equals("audio") && !s.path("codec_name").asText().equals("aac")) {
                    return false;
                }
            }
            return videos == 1;
        } catch (IOException | FfmpegException e) {
            return false;
        }
    }

    void into(Path src, Path target) throws FfmpegException {
        ffmpeg.run(List.of("-i", src.toString(), "-map", "0:v:0", "-map", "0:a:0?", "-c", "copy", "-map_metadata", "-1",
                "-fflags", "+bitexact", "-movflags", "+faststart", "-f", "mp4", target.toString()));
    }
}
