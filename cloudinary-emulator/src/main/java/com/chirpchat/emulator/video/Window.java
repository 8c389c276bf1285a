package com.chirpchat.emulator.video;

import com.chirpchat.emulator.transform.ProcessingException;
import com.chirpchat.emulator.transform.Step;
import com.chirpchat.emulator.transform.TransformationParser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The part of the source to use: {@code so_}, {@code eo_}, {@code du_} (seconds or percent).
 *
 * @param start   seconds from the beginning
 * @param length  seconds to take, empty for "to the end"
 */
record Window(double start, Optional<Double> length) {

    static Window of(Step p, double duration, String format) throws ProcessingException {
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

    /** ffmpeg input arguments: seek, the file, and the length to read. */
    List<String> input(Path src) {
        List<String> a = new ArrayList<>();
        if (start > 0) {
            a.addAll(List.of("-ss", seconds(start)));
        }
        a.addAll(List.of("-i", src.toString()));
        length.ifPresent(l -> a.addAll(List.of("-t", seconds(l))));
        return a;
    }

    /** @return how long the output lasts for a source of {@code duration} seconds */
    double lasting(double duration) {
        return Math.max(0, length.orElse(duration - start));
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static double seconds(String v, double duration) {
        if (v.endsWith("p")) {
            return Double.parseDouble(v.substring(0, v.length() - 1)) / 100.0 * duration;
        }
        return Double.parseDouble(v);
    }
}
