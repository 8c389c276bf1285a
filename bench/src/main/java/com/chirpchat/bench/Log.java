package com.chirpchat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Progress lines on stdout, prefixed with the time since the start, and a copy in raw/harness.log. */
final class Log {
    private static final long START = System.nanoTime();
    private static Path file;

    private Log() {
    }

    static void to(Path path) {
        file = path;
    }

    static synchronized void info(String message) {
        long s = (System.nanoTime() - START) / 1_000_000_000L;
        String line = String.format("[bench %02d:%02d] %s", s / 60, s % 60, message);
        System.out.println(line);
        if (file != null) {
            try {
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static long elapsedSeconds() {
        return (System.nanoTime() - START) / 1_000_000_000L;
    }
}
