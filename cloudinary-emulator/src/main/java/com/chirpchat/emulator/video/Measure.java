package com.chirpchat.emulator.video;

import com.chirpchat.emulator.probe.MediaProbe;
import com.chirpchat.emulator.probe.Probe;
import com.chirpchat.emulator.probe.ProbeException;
import com.chirpchat.emulator.transform.Output;
import com.chirpchat.emulator.transform.ProcessingException;
import com.chirpchat.emulator.transform.TransformationParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads back what ffmpeg wrote, so a derived file is only reported with the size and length it really has. */
final class Measure {

    private final MediaProbe probe;

    Measure(MediaProbe probe) {
        this.probe = probe;
    }

    /** @param timed whether the output must have a duration (video, audio, GIF) */
    Output output(Path outDir, String file, String format, boolean timed) throws ProcessingException {
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

    static long size(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
