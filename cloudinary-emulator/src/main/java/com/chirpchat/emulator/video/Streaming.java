package com.chirpchat.emulator.video;

import com.chirpchat.emulator.ffmpeg.Ffmpeg;
import com.chirpchat.emulator.ffmpeg.FfmpegException;
import com.chirpchat.emulator.transform.Output;
import com.chirpchat.emulator.transform.ProcessingException;
import com.chirpchat.emulator.transform.Source;
import com.chirpchat.emulator.transform.SourceKind;
import com.chirpchat.emulator.transform.Step;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Adaptive streaming: an HLS master playlist with one media playlist per rendition, or a DASH manifest, from the
 * {@link Ladder} of the displayed picture (frames enter the graph already turned upright by ffmpeg's autorotate).
 */
final class Streaming {

    private static final int SEGMENT_SECONDS = 4;

    private final Ffmpeg ffmpeg;

    Streaming(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    Output make(Path src, Source s, Step p, Window w, String format, Path outDir) throws FfmpegException, ProcessingException {
        if (s.kind() != SourceKind.VIDEO) {
            throw new ProcessingException("Audio cannot be streamed as " + format);
        }
        long videoKbps = s.bitRate() > 0 ? Math.max(0, s.bitRate() - s.audioBitRate()) / 1000 : 0;
        List<Ladder.Rung> renditions = Ladder.of(s.width(), s.height(), p.get("sp").orElse("auto"), videoKbps);
        int n = renditions.size();
        List<String> a = new ArrayList<>(w.input(src));
        StringBuilder graph = new StringBuilder("[0:v]split=" + n);
        for (int i = 0; i < n; i++) {
            graph.append("[s").append(i).append(']');
        }
        for (int i = 0; i < n; i++) {
            graph.append(";[s").append(i).append(']').append(renditions.get(i).filters()).append("[o").append(i).append(']');
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
            int kbps = renditions.get(i).kbps();
            a.addAll(List.of("-b:v:" + i, kbps + "k", "-maxrate:v:" + i, (kbps * 107 / 100) + "k",
                    "-bufsize:v:" + i, (kbps * 2) + "k"));
        }
        if (withAudio) {
            a.addAll(List.of("-c:a", "aac", "-b:a", "128k", "-ac", "2"));
        }
        a.addAll(format.equals("m3u8") ? hls(n, withAudio, outDir) : dash(withAudio, outDir));
        ffmpeg.run(a);
        StreamingOutputs.verify(outDir, format, n);
        String file = "derived." + format;
        Ladder.Rung top = renditions.get(0);
        return new Output(file, format, top.width(), top.height(), Measure.size(outDir.resolve(file)), w.lasting(s.duration()));
    }

    private static List<String> hls(int n, boolean withAudio, Path outDir) {
        StringBuilder map = new StringBuilder();
        for (int i = 0; i < n; i++) {
            map.append(i == 0 ? "" : " ").append("v:").append(i).append(withAudio ? ",a:" + i : "");
        }
        return List.of("-f", "hls", "-hls_time", String.valueOf(SEGMENT_SECONDS), "-hls_playlist_type", "vod",
                "-hls_flags", "independent_segments",
                "-hls_segment_filename", outDir.resolve("v%v").resolve("seg_%03d.ts").toString(),
                "-master_pl_name", "derived.m3u8", "-var_stream_map", map.toString(),
                outDir.resolve("v%v").resolve("index.m3u8").toString());
    }

    private static List<String> dash(boolean withAudio, Path outDir) {
        return List.of("-f", "dash", "-seg_duration", String.valueOf(SEGMENT_SECONDS), "-use_template", "1",
                "-use_timeline", "1", "-adaptation_sets", withAudio ? "id=0,streams=v id=1,streams=a" : "id=0,streams=v",
                "-init_seg_name", "init-$RepresentationID$.m4s",
                "-media_seg_name", "chunk-$RepresentationID$-$Number%05d$.m4s",
                outDir.resolve("derived.mpd").toString());
    }

}
