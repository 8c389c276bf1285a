package com.chirpchat.emulator.image;

import com.chirpchat.emulator.ffmpeg.Ffmpeg;
import com.chirpchat.emulator.ffmpeg.FfmpegException;
import com.chirpchat.emulator.transform.FilterChain;
import com.chirpchat.emulator.transform.Output;
import com.chirpchat.emulator.transform.ProcessingException;
import com.chirpchat.emulator.transform.Quality;
import com.chirpchat.emulator.transform.Source;
import com.chirpchat.emulator.transform.Step;
import com.chirpchat.emulator.transform.Transformation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Animated GIFs stay animated in animated outputs, as on Cloudinary: WebP through ffmpeg's {@code libwebp_anim}
 * (the WebP ImageIO plug-in writes stills only) and GIF with a generated palette, frame timing and looping kept.
 * Each transformation step is the same resize/crop/pad as for stills, as ffmpeg filters (g_auto crops centrally).
 */
final class AnimatedImages {

    private final Ffmpeg ffmpeg;

    AnimatedImages(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    static boolean animates(Source source, String format) {
        return source.pages() > 1 && "gif".equals(source.format()) && (format.equals("webp") || format.equals("gif"));
    }

    Output make(Path src, Source s, Transformation t, String format, Path outDir) throws ProcessingException {
        List<String> filters = new ArrayList<>();
        int w = s.width();
        int h = s.height();
        for (Step step : t.steps()) {
            FilterChain chain = FilterChain.picture(w, h, step, false);
            filters.addAll(chain.filters());
            w = chain.width();
            h = chain.height();
        }
        String picture = filters.isEmpty() ? "null" : String.join(",", filters);
        String file = "derived." + format;
        Path target = outDir.resolve(file);
        String loops = t.param("e").filter(e -> e.startsWith("loop:")).map(e -> e.substring(5)).orElse("0");
        List<String> a = new ArrayList<>(List.of("-i", src.toString()));
        if (format.equals("webp")) {
            a.addAll(List.of("-vf", picture, "-c:v", "libwebp_anim", "-lossless", "0",
                    "-quality", String.valueOf(Math.round(Quality.of(t.param("q")) * 100)), "-loop", loops, "-f", "webp"));
        } else {
            a.addAll(List.of("-filter_complex", "[0:v]" + picture + ",split[a][b];[a]palettegen[p];[b][p]paletteuse",
                    "-loop", loops, "-f", "gif"));
        }
        a.add(target.toString());
        try {
            ffmpeg.run(a);
            long bytes = Files.size(target);
            if (bytes == 0) {
                throw new ProcessingException("ffmpeg produced an empty " + format);
            }
            return new Output(file, format, w, h, bytes, 0);
        } catch (FfmpegException e) {
            throw new ProcessingException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ProcessingException("Could not write output", e);
        }
    }
}
