package com.chirpchat.emulator.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code file} of a request, spooled to a temporary file.
 *
 * @param path      where the bytes are (deleted by {@link #discard()} unless moved away first)
 * @param filename  name the client gave the part ("" when none)
 * @param size      number of bytes
 */
public record UploadedFile(Path path, String filename, long size) {

    public UploadedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(filename, "filename");
    }

    public void discard() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
