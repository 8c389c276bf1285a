package com.chirpchat.emulator.decode;

import java.util.Objects;

/**
 * What an image file is, as Cloudinary reports it.
 *
 * @param format  {@code jpg}, {@code png}, {@code gif}, {@code webp}, {@code heic}, {@code avif}...
 * @param width   width as displayed (EXIF orientation, {@code irot} applied)
 * @param height  height as displayed
 * @param pages   frames (more than 1: an animation)
 */
public record Picture(String format, int width, int height, int pages) {

    public Picture {
        Objects.requireNonNull(format, "format");
    }
}
