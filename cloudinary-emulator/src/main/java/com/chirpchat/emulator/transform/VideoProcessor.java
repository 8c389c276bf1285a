package com.chirpchat.emulator.transform;

import com.chirpchat.emulator.ffmpeg.Ffmpeg;
import com.chirpchat.emulator.ffmpeg.FfmpegException;
import com.chirpchat.emulator.probe.MediaProbe;
import com.chirpchat.emulator.probe.Probe;
import com.chirpchat.emulator.probe.ProbeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Video and audio transformations through ffmpeg: web MP4 (H.264/AAC, faststart), WebM, HLS and DASH ladders,
 * poster frames, animated GIF previews, audio extraction/transcoding and waveform images.
 */
public final class VideoProcessor {

    private static final int SEGMENT_SECONDS = 4;
    private static final double MAX_GIF_SECONDS = 60;
    private static final int MAX_RENDITIONS = 3;

    private final Ffmpeg ffmpeg;
    private final MediaProbe probe;

    public VideoProcessor(Ffmpeg ffmpeg, MediaProbe probe) {
        this.ffmpeg = ffmpeg;
        this.probe = probe;
    }

    /** Produces {@code t} in {@code format} from a video or audio source into {@code outDir}. */
    public Output process(Path src, Source source, Transformation t, String format, Path outDir) throws ProcessingException {
        Step p = flatten(t);
        Window window = window(p, source.duration(), format);
        try {
            if (t.hasFlag("waveform")) {
                return waveform(src, source, p, window, format, outDir);
            }
            return switch (format) {
                case "mp4", "webm" -> video(src, source, p, window, format, outDir);
                case "m3u8", "mpd" -> streaming(src, source, p, window, format, outDir);
                case "jpg", "png", "webp", "bmp" -> frame(src, source, p, window, format, outDir);
                case "gif" -> gif(src, source, p, window, outDir);
                default -> audio(src, source, p, window, format, outDir);
            };
        } catch (FfmpegException e) {
            throw new ProcessingException(e.getMessage(), e);
        }
    }

    private Output video(Path src, Source s, Step p, Window w, String format, Path outDir) throws FfmpegException, ProcessingException {
        if (s.kind() != SourceKind.VIDEO) {
            throw new ProcessingException("Audio cannot be converted to " + format);
        }
        String file = "derived." + format;
        List<String> a = new ArrayList<>(w.input(src));
        String vc = p.get("vc").orElse("auto");
        if (vc.equals("none")) {
            a.add("-vn");
        } else {
            a.addAll(List.of("-map", "0:v:0", "-vf", String.join(",", videoFilters(s, p, true))));
            if (format.equals("webm")) {
                a.addAll(List.of("-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-row-mt", "1",
                        "-pix_fmt", "yuv420p", "-crf", String.valueOf(crf(p) + 10), "-b:v", "0"));
            } else if (vc.equals("h265")) {
                a.addAll(List.of("-c:v", "libx265", "-preset", "veryfast", "-tag:v", "hvc1", "-pix_fmt", "yuv420p",
                        "-crf", String.valueOf(crf(p) + 5)));
            } else {
                a.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-pix_fmt", "yuv420p",
                        "-crf", String.valueOf(crf(p))));
            }
            p.get("br").ifPresent(br -> a.addAll(List.of("-maxrate", br, "-bufsize", doubled(br))));
        }
        addAudio(a, s, p, format.equals("webm") ? List.of("-c:a", "libopus", "-b:a", "96k") : List.of("-c:a", "aac", "-b:a", "128k"));
        if (format.equals("mp4")) {
            a.addAll(List.of("-movflags", "+faststart", "-f", "mp4"));
        } else {
            a.addAll(List.of("-f", "webm"));
        }
        a.add(outDir.resolve(file).toString());
        ffmpeg.run(a);
        return measured(outDir, file, format, true);
    }

    private Output streaming(Path src, Source s, Step p, Window w, String format, Path outDir) throws FfmpegException, ProcessingException {
        if (s.kind() != SourceKind.VIDEO) {
            throw new ProcessingException("Audio cannot be streamed as " + format);
        }
        List<int[]> renditions = renditions(s, p.get("sp").orElse("auto"));
        int n = renditions.size();
        List<String> a = new ArrayList<>(w.input(src));
        StringBuilder graph = new StringBuilder("[0:v]split=" + n);
        for (int i = 0; i < n; i++) {
            graph.append("[s").append(i).append(']');
        }
        for (int i = 0; i < n; i++) {
            graph.append(";[s").append(i).append("]scale=").append(renditions.get(i)[0]).append(':')
                    .append(renditions.get(i)[1]).append(",setsar=1[o").append(i).append(']');
        }
        a.addAll(List.of("-filter_complex", graph.toString()));
        boolean withAudio = s.hasAudio() && !"none".equals(p.get("ac").orElse(""));
        for (int i = 0; i < n; i++) {
            a.addAll(List.of("-map", "[o" + i + "]"));
            if (withAudio && format.equals("m3u8")) {
                a.addAll(List.of("-map", "0:a:0"));
            }
        }
        if (withAudio && format.equals("mpd")) {
            a.addAll(List.of("-map", "0:a:0"));
        }
        a.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main", "-pix_fmt", "yuv420p",
                "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*" + SEGMENT_SECONDS + ")"));
        for (int i = 0; i < n; i++) {
            int kbps = renditions.get(i)[2];
            a.addAll(List.of("-b:v:" + i, kbps + "k", "-maxrate:v:" + i, (kbps * 107 / 100) + "k",
                    "-bufsize:v:" + i, (kbps * 2) + "k"));
        }
        if (withAudio) {
            a.addAll(List.of("-c:a", "aac", "-b:a", "128k", "-ac", "2"));
        }
        if (format.equals("m3u8")) {
            StringBuilder map = new StringBuilder();
            for (int i = 0; i < n; i++) {
                map.append(i == 0 ? "" : " ").append("v:").append(i).append(withAudio ? ",a:" + i : "");
            }
            a.addAll(List.of("-f", "hls", "-hls_time", String.valueOf(SEGMENT_SECONDS), "-hls_playlist_type", "vod",
                    "-hls_flags", "independent_segments",
                    "-hls_segment_filename", outDir.resolve("v%v").resolve("seg_%03d.ts").toString(),
                    "-master_pl_name", "derived.m3u8", "-var_stream_map", map.toString(),
                    outDir.resolve("v%v").resolve("index.m3u8").toString()));
        } else {
            a.addAll(List.of("-f", "dash", "-seg_duration", String.valueOf(SEGMENT_SECONDS), "-use_template", "1",
                    "-use_timeline", "1", "-adaptation_sets", withAudio ? "id=0,streams=v id=1,streams=a" : "id=0,streams=v",
                    "-init_seg_name", "init-$RepresentationID$.m4s",
                    "-media_seg_name", "chunk-$RepresentationID$-$Number%05d$.m4s",
                    outDir.resolve("derived.mpd").toString()));
        }
        ffmpeg.run(a);
        String file = "derived." + format;
        Path main = outDir.resolve(file);
        if (!Files.isRegularFile(main) || countParts(outDir, format) == 0) {
            throw new ProcessingException("ffmpeg produced no " + format + " output");
        }
        int[] top = renditions.get(0);
        return new Output(file, format, top[0], top[1], size(main), Math.max(0, w.length().orElse(s.duration() - w.start())));
    }

    private Output frame(Path src, Source s, Step p, Window w, String format, Path outDir) throws FfmpegException, ProcessingException {
        if (s.kind() != SourceKind.VIDEO) {
            throw new ProcessingException("Audio has no frames; use fl_waveform");
        }
        String file = "derived." + format;
        List<String> a = new ArrayList<>(List.of("-ss", seconds(w.start()), "-i", src.toString(), "-frames:v", "1",
                "-vf", String.join(",", videoFilters(s, p, false))));
        int quality = Math.round(ImageProcessor.quality(new Transformation(List.of(p), "", "")) * 100);
        switch (format) {
            case "jpg" -> a.addAll(List.of("-q:v", String.valueOf(Math.max(2, Math.min(31, 31 - quality * 29 / 100))),
                    "-f", "image2", "-c:v", "mjpeg"));
            case "webp" -> a.addAll(List.of("-c:v", "libwebp", "-quality", String.valueOf(quality), "-f", "webp"));
            case "bmp" -> a.addAll(List.of("-f", "image2", "-c:v", "bmp"));
            default -> a.addAll(List.of("-f", "image2", "-c:v", "png"));
        }
        a.add(outDir.resolve(file).toString());
        ffmpeg.run(a);
        return measured(outDir, file, format, false);
    }

    private Output gif(Path src, Source s, Step p, Window w, Path outDir) throws FfmpegException, ProcessingException {
        if (s.kind() != SourceKind.VIDEO) {
            throw new ProcessingException("Audio cannot be converted to gif");
        }
        String file = "derived.gif";
        double length = w.length().orElse(Math.max(0.1, s.duration() - w.start()));
        length = Math.min(length, MAX_GIF_SECONDS);
        List<String> filters = new ArrayList<>();
        filters.add("fps=" + p.get("fps").orElse("10"));
        filters.addAll(videoFilters(s, p, false));
        String graph = "[0:v]" + String.join(",", filters) + ",split[a][b];[a]palettegen=stats_mode=diff[pal];"
                + "[b][pal]paletteuse=dither=bayer:bayer_scale=3";
        String loops = p.get("e").filter(e -> e.startsWith("loop:")).map(e -> e.substring(5)).orElse("0");
        List<String> a = new ArrayList<>(List.of("-ss", seconds(w.start()), "-t", seconds(length), "-i", src.toString(),
                "-filter_complex", graph, "-loop", loops, "-f", "gif", outDir.resolve(file).toString()));
        ffmpeg.run(a);
        return measured(outDir, file, "gif", true);
    }

    private Output audio(Path src, Source s, Step p, Window w, String format, Path outDir) throws FfmpegException, ProcessingException {
        if (!s.hasAudio()) {
            throw new ProcessingException("The file has no audio track to convert to " + format);
        }
        String file = "derived." + format;
        List<String> a = new ArrayList<>(w.input(src));
        a.addAll(List.of("-vn", "-map", "0:a:0"));
        Optional<String> br = p.get("br");
        switch (format) {
            case "mp3" -> a.addAll(br.map(b -> List.of("-c:a", "libmp3lame", "-b:a", b))
                    .orElse(List.of("-c:a", "libmp3lame", "-q:a", "4")));
            case "m4a" -> a.addAll(List.of("-c:a", "aac", "-b:a", br.orElse("128k"), "-movflags", "+faststart", "-f", "ipod"));
            case "aac" -> a.addAll(List.of("-c:a", "aac", "-b:a", br.orElse("128k"), "-f", "adts"));
            case "ogg" -> a.addAll(List.of("-c:a", "libvorbis", "-q:a", "4", "-f", "ogg"));
            case "wav" -> a.addAll(List.of("-c:a", "pcm_s16le", "-f", "wav"));
            case "flac" -> a.addAll(List.of("-c:a", "flac", "-f", "flac"));
            default -> throw new ProcessingException("Unsupported audio format " + format);
        }
        if (format.equals("mp3")) {
            a.addAll(List.of("-f", "mp3"));
        }
        a.add(outDir.resolve(file).toString());
        ffmpeg.run(a);
        return measured(outDir, file, format, true);
    }

    private Output waveform(Path src, Source s, Step p, Window w, String format, Path outDir) throws FfmpegException, ProcessingException {
        if (!s.hasAudio()) {
            throw new ProcessingException("The file has no audio track to draw a waveform of");
        }
        int width = p.get("w").map(v -> (int) Math.round(Double.parseDouble(v))).filter(v -> v > 1).orElse(1000);
        int height = p.get("h").map(v -> (int) Math.round(Double.parseDouble(v))).filter(v -> v > 1).orElse(200);
        String fg = Colors.ffmpeg(p.get("co").orElse("white"));
        String bg = p.get("b").orElse("black");
        String size = width + "x" + height;
        String graph = bg.equals("transparent")
                ? "[0:a:0]showwavespic=s=" + size + ":colors=" + fg + ",format=rgba[out]"
                : "color=c=" + Colors.ffmpeg(bg) + ":s=" + size + "[bg];[0:a:0]showwavespic=s=" + size + ":colors=" + fg
                  + "[w];[bg][w]overlay=format=auto:shortest=1,format=rgb24[out]";
        String file = "derived." + format;
        List<String> a = new ArrayList<>(w.input(src));
        a.addAll(List.of("-filter_complex", graph, "-map", "[out]", "-frames:v", "1"));
        switch (format) {
            case "jpg" -> a.addAll(List.of("-f", "image2", "-c:v", "mjpeg", "-q:v", "3"));
            case "webp" -> a.addAll(List.of("-f", "webp", "-c:v", "libwebp"));
            default -> a.addAll(List.of("-f", "image2", "-c:v", "png"));
        }
        a.add(outDir.resolve(file).toString());
        ffmpeg.run(a);
        return measured(outDir, file, format, false);
    }

    /** scale/crop/pad/grayscale/fps filters for a flattened step; H.264 needs even dimensions. */
    private static List<String> videoFilters(Source s, Step p, boolean evenDims) {
        List<String> f = new ArrayList<>();
        String crop = p.get("c").orElse("scale");
        Geometry.Plan plan = Geometry.plan(Math.max(1, s.width()), Math.max(1, s.height()), crop, p.get("w"), p.get("h"));
        boolean resize = p.has("w") || p.has("h");
        int sw = even(plan.scaleW(), evenDims);
        int sh = even(plan.scaleH(), evenDims);
        int ow = even(plan.outW(), evenDims);
        int oh = even(plan.outH(), evenDims);
        String gravity = p.get("g").orElse("center");
        if (resize) {
            if (plan.kind() == Geometry.Plan.Kind.CROP && crop.equals("crop")) {
                int x = p.get("x").map(Integer::parseInt).orElse(Geometry.offset(s.width(), ow, gravity, true));
                int y = p.get("y").map(Integer::parseInt).orElse(Geometry.offset(s.height(), oh, gravity, false));
                f.add("crop=" + ow + ":" + oh + ":" + Math.max(0, x) + ":" + Math.max(0, y));
            } else {
                f.add("scale=" + sw + ":" + sh + ":flags=bicubic");
                if (plan.kind() == Geometry.Plan.Kind.CROP) {
                    f.add("crop=" + ow + ":" + oh + ":" + Geometry.offset(sw, ow, gravity, true) + ":"
                            + Geometry.offset(sh, oh, gravity, false));
                } else if (plan.kind() == Geometry.Plan.Kind.PAD) {
                    f.add("pad=" + ow + ":" + oh + ":" + Geometry.offset(ow, sw, gravity, true) + ":"
                            + Geometry.offset(oh, sh, gravity, false) + ":color=" + Colors.ffmpeg(p.get("b").orElse("black")));
                }
            }
        } else if (evenDims) {
            f.add("scale=trunc(iw/2)*2:trunc(ih/2)*2");
        }
        f.add("setsar=1");
        if (p.get("e").filter(e -> e.equals("grayscale")).isPresent()) {
            f.add("hue=s=0");
        }
        p.get("fps").ifPresent(fps -> {
            if (evenDims) {
                f.add("fps=" + fps);
            }
        });
        return f;
    }

    /** Ladder of {width, height, video kbps} for a streaming profile, never above the source's size. */
    static List<int[]> renditions(Source s, String profile) {
        int[][] ladder = switch (profile) {
            case "4k" -> new int[][] {{2160, 14000}, {1440, 9000}, {1080, 5500}, {720, 3500}, {480, 1500}, {360, 800}};
            case "hd", "hd_lean" -> new int[][] {{720, 3500}, {480, 1500}, {360, 800}, {240, 400}};
            case "sd" -> new int[][] {{480, 1500}, {360, 800}, {240, 400}};
            default -> new int[][] {{1080, 5500}, {720, 3500}, {480, 1500}, {360, 800}, {240, 400}};
        };
        int w = Math.max(2, s.width());
        int h = Math.max(2, s.height());
        int shortSide = Math.min(w, h);
        List<int[]> out = new ArrayList<>();
        for (int[] rung : ladder) {
            if (rung[0] <= shortSide && out.size() < MAX_RENDITIONS) {
                double f = (double) rung[0] / shortSide;
                out.add(new int[] {even((int) Math.round(w * f), true), even((int) Math.round(h * f), true), rung[1]});
            }
        }
        if (out.isEmpty()) {
            int kbps = Math.max(200, ladder[ladder.length - 1][1] * shortSide / Math.max(1, ladder[ladder.length - 1][0]));
            out.add(new int[] {even(w, true), even(h, true), kbps});
        }
        return out;
    }

    private Output measured(Path outDir, String file, String format, boolean timed) throws ProcessingException {
        Path main = outDir.resolve(file);
        long bytes = size(main);
        if (bytes == 0) {
            throw new ProcessingException("ffmpeg produced an empty " + format + " file");
        }
        if (TransformationParser.IMAGE_FORMATS.contains(format) && !format.equals("gif")) {
            Probe img = probe.image(main).orElseThrow(() -> new ProcessingException("ffmpeg produced an unreadable " + format));
            return new Output(file, format, img.width(), img.height(), bytes, 0);
        }
        try {
            Probe av = probe.audioVisual(main);
            if (timed && av.duration() <= 0 && !format.equals("gif")) {
                throw new ProcessingException("ffmpeg produced a " + format + " without content");
            }
            return new Output(file, format, av.width(), av.height(), bytes, av.duration());
        } catch (ProbeException e) {
            throw new ProcessingException("ffmpeg produced an unreadable " + format + ": " + e.getMessage());
        }
    }

    private static long countParts(Path dir, String format) {
        String ext = format.equals("m3u8") ? ".ts" : ".m4s";
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.filter(f -> f.getFileName().toString().endsWith(ext)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** All parameters of a chained transformation in one step, later components winning. */
    static Step flatten(Transformation t) {
        Map<String, String> all = new HashMap<>();
        for (Step s : t.steps()) {
            all.putAll(s.params());
        }
        return new Step(all);
    }

    private static int crf(Step p) {
        String q = p.get("q").orElse("auto");
        if (q.startsWith("auto")) {
            String level = q.contains(":") ? q.substring(q.indexOf(':') + 1) : "good";
            return switch (level) {
                case "best" -> 20;
                case "eco" -> 26;
                case "low" -> 28;
                default -> 23;
            };
        }
        int n = Integer.parseInt(q);
        return Math.max(18, Math.min(51, Math.round(51 - n * 33 / 100f)));
    }

    private static String doubled(String bitrate) {
        String unit = bitrate.replaceAll("\\d", "");
        long n = Long.parseLong(bitrate.replaceAll("\\D", ""));
        return (n * 2) + unit;
    }

    private static void addAudio(List<String> a, Source s, Step p, List<String> codec) {
        if (!s.hasAudio() || "none".equals(p.get("ac").orElse(""))) {
            a.add("-an");
            return;
        }
        a.addAll(List.of("-map", "0:a:0"));
        a.addAll(codec);
    }

    private static int even(int v, boolean even) {
        if (!even) {
            return Math.max(1, v);
        }
        int e = v - (v % 2);
        return Math.max(2, e);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** The part of the source to use: {@code so_}, {@code eo_}, {@code du_} (seconds or percent). */
    private record Window(double start, Optional<Double> length) {
        List<String> input(Path src) {
            List<String> a = new ArrayList<>();
            if (start > 0) {
                a.addAll(List.of("-ss", seconds(start)));
            }
            a.addAll(List.of("-i", src.toString()));
            length.ifPresent(l -> a.addAll(List.of("-t", seconds(l))));
            return a;
        }
    }

    private static Window window(Step p, double duration, String format) throws ProcessingException {
        double start = p.get("so").map(v -> seconds(v, duration)).orElse(0.0);
        if (duration > 0 && start >= duration) {
            if (TransformationParser.IMAGE_FORMATS.contains(format) && !format.equals("gif")) {
                start = Math.max(0, duration - 0.1); // a poster past the end is the last frame
            } else {
                throw new ProcessingException("Start offset " + start + "s is beyond the duration " + duration + "s");
            }
        }
        Optional<Double> length = Optional.empty();
        Optional<String> eo = p.get("eo");
        Optional<String> du = p.get("du");
        if (eo.isPresent()) {
            double end = seconds(eo.get(), duration);
            if (end <= start) {
                throw new ProcessingException("End offset must be after the start offset");
            }
            length = Optional.of(end - start);
        } else if (du.isPresent()) {
            double d = seconds(du.get(), duration);
            if (d <= 0) {
                throw new ProcessingException("Duration must be positive");
            }
            length = Optional.of(d);
        }
        return new Window(start, length);
    }

    private static double seconds(String v, double duration) {
        if (v.endsWith("p")) {
            return Double.parseDouble(v.substring(0, v.length() - 1)) / 100.0 * duration;
        }
        return Double.parseDouble(v);
    }

}
