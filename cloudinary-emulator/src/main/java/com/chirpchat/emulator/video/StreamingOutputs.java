package com.chirpchat.emulator.video;

import com.chirpchat.emulator.transform.ProcessingException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that ffmpeg wrote a whole HLS or DASH output before it is reported as made: every rendition the ladder
 * asked for, each with its playlist or init segment and at least one media segment, every listed file present.
 * A variant that is announced must be playable; one that is not is a failure with a reason, never a quiet gap.
 */
final class StreamingOutputs {

    private static final Pattern REPRESENTATION = Pattern.compile("<Representation\\s[^>]*\\bid=\"([^\"]+)\"[^>]*>");

    private StreamingOutputs() {
    }

    static void verify(Path dir, String format, int renditions) throws ProcessingException {
        try {
            if (format.equals("m3u8")) {
                hls(dir, renditions);
            } else {
                dash(dir, renditions);
            }
        } catch (IOException e) {
            throw new ProcessingException("ffmpeg wrote an unreadable " + format + " output: " + e.getMessage(), e);
        }
    }

    private static void hls(Path dir, int renditions) throws IOException, ProcessingException {
        List<String> variants = uris(dir.resolve("derived.m3u8"));
        if (variants.size() != renditions) {
            throw new ProcessingException("ffmpeg wrote " + variants.size() + " of " + renditions + " HLS renditions");
        }
        for (String variant : variants) {
            Path playlist = dir.resolve(variant).normalize();
            List<String> segments = Files.isRegularFile(playlist) ? uris(playlist) : List.of();
            if (segments.isEmpty()) {
                throw new ProcessingException("ffmpeg wrote no segments for HLS rendition " + variant);
            }
            for (String segment : segments) {
                requireFile(playlist.getParent().resolve(segment), "HLS segment " + segment);
            }
        }
    }

    private static void dash(Path dir, int renditions) throws IOException, ProcessingException {
        Path mpd = dir.resolve("derived.mpd");
        requireFile(mpd, "DASH manifest");
        Matcher m = REPRESENTATION.matcher(Files.readString(mpd, StandardCharsets.UTF_8));
        int video = 0;
        while (m.find()) {
            String id = m.group(1);
            if (m.group().matches("(?s).*\\swidth=\".*")) { // not bandwidth=
                video++;
            }
            requireFile(dir.resolve("init-" + id + ".m4s"), "DASH init segment of representation " + id);
            requireFile(dir.resolve("chunk-" + id + "-00001.m4s"), "DASH media segment of representation " + id);
        }
        if (video != renditions) {
            throw new ProcessingException("ffmpeg wrote " + video + " of " + renditions + " DASH video representations");
        }
    }

    private static List<String> uris(Path playlist) throws IOException {
        return Files.readAllLines(playlist, StandardCharsets.UTF_8).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static void requireFile(Path file, String what) throws ProcessingException {
        if (Measure.size(file) == 0) {
            throw new ProcessingException("ffmpeg did not write the " + what);
        }
    }
}
