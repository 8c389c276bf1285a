package com.chirpchat.emulator.video;

import com.chirpchat.emulator.ffmpeg.Ffmpeg;
import com.chirpchat.emulator.ffmpeg.FfmpegException;
import com.chirpchat.emulator.transform.FilterChain;
import com.chirpchat.emulator.transform.Output;
import com.chirpchat.emulator.transform.ProcessingException;
import com.chirpchat.emulator.transform.Quality;
import com.chirpchat.emulator.transform.Source;
import com.chirpchat.emulator.transform.SourceKind;
import com.chirpchat.emulator.transform.Step;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Single-file web video: H.264 (or H.265) + AAC MP4 with the index first, or VP9 + Opus WebM. */
final class WebVideo {

    private final Ffmpeg ffmpeg;
    private final Measure measure;

    WebVideo(Ffmpeg ffmpeg, Measure measure) {
        this.ffmpeg = ffmpeg;
        this.measure = measure;
    }

    Output make(Path src, Source s, Step p, Window w, String format, Path outDir) throws FfmpegException, ProcessingException {
        if (s.kind() != SourceKind.VIDEO) {
            throw new ProcessingException("Audio cannot be converted to " + format);
        }
        String file = "derived." + format;
        List<String> a = new ArrayList<>(w.input(src));
        String vc = p.get("vc").orElse("auto");
        int crf = Quality.crf(p.get("q"));
        if (vc.equals("none")) {
            a.add("-vn");
        } else {
            a.addAll(List.of("-map", "0:v:0", "-vf", FilterChain.picture(s.width(), s.height(), p, true).joined()));
            if (format.equals("webm")) {
                a.addAll(List.of("-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-row-mt", "1",
                        "-pix_fmt", "yuv420p", "-crf", String.valueOf(crf + 10), "-b:v", "0"));
            } else if (vc.equals("h265")) {
                a.addAll(List.of("-c:v", "libx265", "-preset", "veryfast", "-tag:v", "hvc1", "-pix_fmt", "yuv420p",
                        "-crf", String.valueOf(crf + 5)));
            } else {
                a.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-pix_fmt", "yuv420p",
                        "-crf", String.valueOf(crf)));
            }
            p.get("br").ifPresent(br -> a.addAll(List.of("-maxrate", br, "-bufsize", doubled(br))));
        }
        AudioOutputs.addAudio(a, s, p, format.equals("webm") ? List.of("-c:a", "libopus", "-b:a", "96k")
                : List.of("-c:a", "aac", "-b:a", "128k"));
        if (format.equals("mp4")) {
            a.addAll(List.of("-movflags", "+faststart", "-f", "mp4"));
        } else {
            a.addAll(List.of("-f", "webm"));
        }
        a.add(outDir.resolve(file).toString());
        ffmpeg.run(a);
        return measure.output(outDir, file, format, true);
    }

    private static String doubled(String bitrate) {
        String unit = bitrate.replaceAll("\\d", "");
        long n = Long.parseLong(bitrate.replaceAll("\\D", ""));
        return (n * 2) + unit;
    }
}
