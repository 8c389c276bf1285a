package com.chirpchat.emulator.video;

import com.chirpchat.emulator.ffmpeg.Ffmpeg;
import com.chirpchat.emulator.ffmpeg.FfmpegException;
import com.chirpchat.emulator.probe.MediaProbe;
import com.chirpchat.emulator.transform.Output;
import com.chirpchat.emulator.transform.ProcessingException;
import com.chirpchat.emulator.transform.Source;
import com.chirpchat.emulator.transform.Step;
import com.chirpchat.emulator.transform.Transformation;

import java.nio.file.Path;

/**
 * Video and audio transformations through ffmpeg, one class per output family: web video (MP4, WebM), adaptive
 * streaming (HLS, DASH), stills (poster frames, GIF previews) and sound (audio tracks, waveform pictures).
 */
public final class VideoProcessor {

    private final WebVideo web;
    private final Streaming streaming;
    private final Stills stills;
    private final AudioOutputs sound;

    public VideoProcessor(Ffmpeg ffmpeg, MediaProbe probe) {
        Measure measure = new Measure(probe);
        this.web = new WebVideo(ffmpeg, measure);
        this.streaming = new Streaming(ffmpeg);
        this.stills = new Stills(ffmpeg, measure);
        this.sound = new AudioOutputs(ffmpeg, measure);
    }

    /** Produces {@code t} in {@code format} from a video or audio source into {@code outDir}. */
    public Output process(Path src, Source source, Transformation t, String format, Path outDir) throws ProcessingException {
        Step p = t.flattened();
        Window window = Window.of(p, source.duration(), format);
        try {
            if (t.hasFlag("waveform")) {
                return sound.waveform(src, source, p, window, format, outDir);
            }
            return switch (format) {
                case "mp4", "webm" -> web.make(src, source, p, window, format, outDir);
                case "m3u8", "mpd" -> streaming.make(src, source, p, window, format, outDir);
                case "jpg", "png", "webp", "bmp" -> stills.frame(src, source, p, window, format, outDir);
                case "gif" -> stills.gif(src, source, p, window, outDir);
                default -> sound.audio(src, source, p, window, format, outDir);
            };
        } catch (FfmpegException e) {
            throw new ProcessingException(e.getMessage(), e);
        }
    }
}
