package com.chirpchat.emulator.video;

import com.chirpchat.emulator.ffmpeg.Ffmpeg;
import com.chirpchat.emulator.ffmpeg.FfmpegException;
import com.chirpchat.emulator.transform.Colors;
import com.chirpchat.emulator.transform.Output;
import com.chirpchat.emulator.transform.ProcessingException;
import com.chirpchat.emulator.transform.Source;
import com.chirpchat.emulator.transform.Step;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sound: the audio track transcoded (MP3, M4A, AAC, Ogg Vorbis, WAV, FLAC), or drawn as a waveform picture. */
final class AudioOutputs {

    private final Ffmpeg ffmpeg;
    private final Measure measure;

    AudioOutputs(Ffmpeg ffmpeg, Measure measure) {
        this.ffmpeg = ffmpeg;
        this.measure = measure;
    }

    Output audio(Path src, Source s, Step p, Window w, String format, Path outDir) throws FfmpegException, ProcessingException {
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
        return measure.output(outDir, file, format, true);
    }

    Output waveform(Path src, Source s, Step p, Window w, String format, Path outDir) throws FfmpegException, ProcessingException {
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
        return measure.output(outDir, file, format, false);
    }

    /** Maps the first audio track with {@code codec}, or drops audio when there is none or {@code ac_none}. */
    static void addAudio(List<String> a, Source s, Step p, List<String> codec) {
        if (!s.hasAudio() || "none".equals(p.get("ac").orElse(""))) {
            a.add("-an");
            return;
        }
        a.addAll(List.of("-map", "0:a:0"));
        a.addAll(codec);
    }
}
