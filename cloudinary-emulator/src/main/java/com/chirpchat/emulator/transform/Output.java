package com.chirpchat.emulator.transform;

import java.util.Objects;

/**
 * What a transformation produced inside its output folder.
 *
 * @param mainFile  name of the file served for the derived URL (manifest for HLS/DASH)
 * @param format    format of the main file
 * @param width     pixels (0 for audio)
 * @param height    pixels (0 for audio)
 * @param bytes     size of the main file
 * @param duration  seconds (0 for still images)
 */
public record Output(String mainFile, String format, int width, int height, long bytes, double duration) {

    public Output {
        Objects.requireNonNull(mainFile, "mainFile");
        Objects.requireNonNull(format, "format");
    }
}
