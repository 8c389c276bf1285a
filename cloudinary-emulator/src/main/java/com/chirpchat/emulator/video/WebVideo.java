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

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Single-file web video: H.264 (or H.265) + AAC MP4 with the index first, or VP9 + Opus WebM. H.264/H.265 use a
 * CRF capped by {@link Bitrates} (maxrate with a one-second buffer that starts 30% full: short clips keep close to
 * it and the first frame still gets a decent share); while the result is bigger than the source it is made again
 * at a higher CRF and a lower maxrate (three times at most), and a source that is already compact web video is
 * finally repackaged as it is ({@link Remux}).
 */
final class WebVideo {

    private static final System.Logger LOG = System.getLogger(WebVideo.class.getName());
    /** Re-encodes, each at a higher CRF and a lower maxrate, when the first result is bigger than the source. */
    private static final int RETRIES = 3;

    private final Ffmpeg ffmpeg;
    private final Measure measure;
    private final Remux remux;

    WebVideo(Ffmpeg ffmpeg, Measure measure) {
        this.ffmpeg = ffmpeg;
        this.measure = measure;
        this.remux = new Remux(ffmpeg);
    }

    Output make(Path src, Source s, Step p, Window w, String format, Path outDir) throws FfmpegException, ProcessingException {
        if (s.kind() != SourceKind.VIDEO) {
            throw new ProcessingException("Audio cannot be converted to " + format);
        }
        FilterChain chain = FilterChain.picture(s.width(), s.height(), p, true);
        int audioKbps = Bitrates.audioKbps(s);
        int maxKbps = Bitrates.videoMaxKbps(chain.width(), chain.height(), s, audioKbps);
        int crf = Quality.crf(p.get("q"));
        Output out = encode(src, s, p, w, format, outDir, chain, crf, maxKbps, audioKbps);
        if (!capped(p, format)) {
            return out;
        }
        for (int attempt = 1; attempt <= RETRIES && biggerThanSource(out, s, w); attempt++) {
            out = encode(src, s, p, w, format, outDir, chain, crf + 4 * attempt,
                    (int) Math.max(150, maxKbps * Math.pow(0.7, attempt)), audioKbps);
        }
        if (biggerThanSource(out, s, w) && format.equals("mp4") && Remux.changesOnlyTheContainer(p) && remux.copyable(src)) {
            remux.into(src, outDir.resolve(out.mainFile()));
            out = measure.output(outDir, out.mainFile(), format, true);
        }
        if (biggerThanSource(out, s, w)) {
            LOG.log(Level.WARNING, "Web " + format + " of a " + s.bytes() + "-byte source is still " + out.bytes() + " bytes");
        }
        return out;
    }

    /** Bytes for the whole video (durations differ by a frame), bits per second for a part of it. */
    private static boolean biggerThanSource(Output out, Source s, Window w) {
        if (w.start() == 0 && w.length().isEmpty()) {
            return out.bytes() > s.bytes();
        }
        double sourceRate = Bitrates.sourceRate(s);
        return sourceRate > 0 && out.duration() > 0 && out.bytes() * 8 / out.duration() > sourceRate;
    }

    private Output encode(Path src, Source s, Step p, Window w, String format, Path outDir, FilterChain chain,
                          int crf, int maxKbps, int audioKbps) throws FfmpegException, ProcessingException {
        String file = "derived." + format;
        List<String> a = new ArrayList<>(w.input(src));
        String vc = p.get("vc").orElse("auto");
        if (vc.equals("none")) {
            a.add("-vn");
        } else {
            a.addAll(List.of("-map", "0:v:0", "-vf", chain.joined()));
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
            if (p.has("br")) {
                a.addAll(List.of("-maxrate", p.get("br").get(), "-bufsize", doubled(p.get("br").get())));
            } else if (!format.equals("webm")) {
                a.addAll(List.of("-maxrate", maxKbps + "k", "-bufsize", maxKbps + "k",
                        "-rc_init_occupancy", String.valueOf(maxKbps * 300L))); // 30% of the buffer, in bits
            }
        }
        AudioOutputs.addAudio(a, s, p, format.equals("webm") ? List.of("-c:a", "libopus", "-b:a", "96k")
                : List.of("-c:a", "aac", "-b:a", audioKbps + "k"));
        a.addAll(format.equals("mp4") ? List.of("-movflags", "+faststart", "-f", "mp4") : List.of("-f", "webm"));
        a.add(outDir.resolve(file).toString());
        ffmpeg.run(a);
        return measure.output(outDir, file, format, true);
    }

    /** An explicit {@code br_} is the client's choice; WebM keeps its constrained-quality mode. */
    private static boolean capped(Step p, String format) {
        return !p.has("br") && !format.equals("webm");
    }

    private static String doubled(String bitrate) {
        String unit = bitrate.replaceAll("\\d", "");
        long n = Long.parseLong(bitrate.replaceAll("\\D", ""));
        return (n * 2) + unit;
    }
}
