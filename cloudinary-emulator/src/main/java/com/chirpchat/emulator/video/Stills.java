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

/** Pictures from a video: a single frame (poster) or a short looping GIF preview. */
final class Stills {

    private static final double MAX_GIF_SECONDS = 60;

    private final Ffmpeg ffmpeg;
    private final Measure measure;

    Stills(Ffmpeg ffmpeg, Measure measure) {
        this.ffmpeg = ffmpeg;
        this.measure = measure;
    }

    Output frame(Path src, Source s, Step p, Window w, String format, Path outDir) throws FfmpegException, ProcessingException {
        if (s.kind() != SourceKind.VIDEO) {
            throw new ProcessingException("Audio has no frames; use fl_waveform");
        }
        String file = "derived." + format;
        List<String> a = new ArrayList<>(List.of("-ss", Window.seconds(w.start()), "-i", src.toString(), "-frames:v", "1",
                "-vf", FilterChain.picture(s.width(), s.height(), p, false).joined()));
        int quality = Math.round(Quality.of(p.get("q")) * 100);
        switch (format) {
            case "jpg" -> a.addAll(List.of("-q:v", String.valueOf(Math.max(2, Math.min(31, 31 - quality * 29 / 100))),
                    "-f", "image2", "-c:v", "mjpeg"));
            case "webp" -> a.addAll(List.of("-c:v", "libwebp", "-quality", String.valueOf(quality), "-f", "webp"));
            case "bmp" -> a.addAll(List.of("-f", "image2", "-c:v", "bmp"));
            default -> a.addAll(List.of("-f", "image2", "-c:v", "png"));
        }
        a.add(outDir.resolve(file).toString());
        ffmpeg.run(a);
        return measure.output(outDir, file, format, false);
    }

    Output gif(Path src, Source s, Step p, Window w, Path outDir) throws FfmpegException, ProcessingException {
        if (s.kind() != SourceKind.VIDEO) {
            throw new ProcessingException("Audio cannot be converted to gif");
        }
        String file = "derived.gif";
        double length = Math.min(w.length().orElse(Math.max(0.1, s.duration() - w.start())), MAX_GIF_SECONDS);
        List<String> filters = new ArrayList<>();
        filters.add("fps=" + p.get("fps").orElse("10"));
        filters.addAll(FilterChain.picture(s.width(), s.height(), p, false).filters());
        String graph = "[0:v]" + String.join(",", filters) + ",split[a][b];[a]palettegen=stats_mode=diff[pal];"
                + "[b][pal]paletteuse=dither=bayer:bayer_scale=3";
        String loops = p.get("e").filter(e -> e.startsWith("loop:")).map(e -> e.substring(5)).orElse("0");
        ffmpeg.run(List.of("-ss", Window.seconds(w.start()), "-t", Window.seconds(length), "-i", src.toString(),
                "-filter_complex", graph, "-loop", loops, "-f", "gif", outDir.resolve(file).toString()));
        return measure.output(outDir, file, "gif", true);
    }
}
