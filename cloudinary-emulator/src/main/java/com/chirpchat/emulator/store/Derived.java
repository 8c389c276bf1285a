package com.chirpchat.emulator.store;

import java.util.Objects;

/**
 * A derived file (eager or on-the-fly transformation) as persisted in {@code derived.json}.
 *
 * @param key             folder name of the derived files (hash of the canonical transformation and format)
 * @param transformation  canonical transformation string, without the format
 * @param format          output format (extension)
 * @param width           pixels, 0 when not applicable
 * @param height          pixels, 0 when not applicable
 * @param bytes           size of the main file
 * @param duration        seconds, 0 when not applicable
 * @param mainFile        file served for the derived URL; streaming formats keep their parts beside it
 * @param version         asset version this was derived from
 * @param createdAt       when it was produced
 */
public record Derived(String key,
                      String transformation,
                      String format,
                      int width,
                      int height,
                      long bytes,
                      double duration,
                      String mainFile,
                      long version,
                      String createdAt) {

    public Derived {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(transformation, "transformation");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(mainFile, "mainFile");
    }
}
