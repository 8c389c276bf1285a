package com.chirpchat.emulator.ffmpeg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code ffmpeg} and {@code ffprobe} binaries with a hard time limit and bounded output capture.
 * Processes never read stdin, and are killed (with their children) when they overrun.
 */
public final class Ffmpeg {

    /** What to tell people when the binaries are missing. */
    public static final String INSTALL_HINT = "ffmpeg/ffprobe could not be started: keep org.bytedeco:ffmpeg's platform jar "
            + "on the class or module path, or configure processing.ffmpeg / processing.ffprobe";
    private static final int STDERR_TAIL = 4 * 1024;
    private static final int MAX_STDOUT = 8 * 1024 * 1024;

    private final String ffmpeg;
    private final String ffprobe;
    private final Duration timeout;

    public Ffmpeg(String ffmpeg, String ffprobe, Duration timeout) {
        this.ffmpeg = Objects.requireNonNull(ffmpeg);
        this.ffprobe = Objects.requireNonNull(ffprobe);
        this.timeout = Objects.requireNonNull(timeout);
    }

    /** @return whether both binaries can be started */
    public boolean available() {
        try {
            execute(List.of(ffmpeg, "-hide_banner", "-version"), Duration.ofSeconds(20), false);
            execute(List.of(ffprobe, "-hide_banner", "-version"), Duration.ofSeconds(20), false);
            return true;
        } catch (FfmpegException e) {
            return false;
        }
    }

    /** @return the first line of {@code ffmpeg -version} ({@code ffmpeg version 7.1.1 Copyright ...}), or empty if it won't run */
    public Optional<String> version() {
        try {
            String out = execute(List.of(ffmpeg, "-hide_banner", "-version"), timeout, true);
            return out.lines().findFirst().map(String::strip);
        } catch (FfmpegException e) {
            return Optional.empty();
        }
    }

    /** Runs ffmpeg with the given arguments (after {@code -hide_banner -nostdin -v error -y}). */
    public void run(List<String> args) throws FfmpegException {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-v", "error", "-y"));
        cmd.addAll(args);
        execute(cmd, timeout, false);
    }

    /** @return ffprobe's JSON description (format and streams) of the file */
    public String probe(Path file) throws FfmpegException {
        return probe(file, List.of("-show_format", "-show_streams"));
    }

    /** @return ffprobe's JSON with the given sections, e.g. {@code -show_streams}, {@code -show_stream_groups} */
    public String probe(Path file, List<String> sections) throws FfmpegException {
        List<String> cmd = new ArrayList<>(List.of(ffprobe, "-hide_banner", "-v", "error", "-print_format", "json"));
        cmd.addAll(sections);
        cmd.add(file.toAbsolutePath().toString());
        return execute(cmd, timeout, true);
    }

    private static String execute(List<String> cmd, Duration limit, boolean captureStdout) throws FfmpegException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        if (!captureStdout) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new FfmpegException(INSTALL_HINT + " (" + e.getMessage() + ")");
        }
        String tool = Path.of(cmd.get(0)).getFileName().toString();
        TailCollector stderr = new TailCollector(process.getErrorStream(), STDERR_TAIL);
        Thread errThread = Thread.ofVirtual().name(tool + "-stderr").start(stderr);
        TailCollector stdout = captureStdout ? new TailCollector(process.getInputStream(), MAX_STDOUT) : null;
        Thread outThread = stdout == null ? null : Thread.ofVirtual().name(tool + "-stdout").start(stdout);
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new FfmpegException(tool + " did not finish within " + limit.toSeconds() + "s");
            }
            errThread.join(Duration.ofSeconds(5));
            if (outThread != null) {
                outThread.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new FfmpegException(tool + " interrupted");
        }
        if (process.exitValue() != 0) {
            String err = stderr.text().strip();
            throw new FfmpegException(tool + " failed (exit " + process.exitValue() + ")"
                    + (err.isEmpty() ? "" : ": " + lastLines(err, 3)));
        }
        return stdout == null ? "" : stdout.text();
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.split("\\R");
        int from = Math.max(0, lines.length - n);
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** Keeps the last {@code limit} bytes of a stream (stdout is bounded the same way). */
    private static final class TailCollector implements Runnable {
        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile String text = "";

        TailCollector(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            byte[] window = new byte[0];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    kept.write(buf, 0, n);
                    if (kept.size() > limit * 2) {
                        byte[] all = kept.toByteArray();
                        kept.reset();
                        kept.write(all, all.length - limit, limit);
                    }
                }
            } catch (IOException e) {
                // the process went away; keep what we have
            }
            window = kept.toByteArray();
            if (window.length > limit) {
                window = java.util.Arrays.copyOfRange(window, window.length - limit, window.length);
            }
            text = new String(window, StandardCharsets.UTF_8);
        }

        String text() {
            return text;
        }
    }
}
