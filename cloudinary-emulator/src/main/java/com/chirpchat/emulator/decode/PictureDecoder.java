package com.chirpchat.emulator.decode;

import com.chirpchat.emulator.ffmpeg.Ffmpeg;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes still images the way viewers show them: ImageIO for JPEG, PNG, GIF, BMP and (with the plug-in) WebP,
 * ffmpeg for HEIC/HEIF and AVIF; then the stored orientation is applied (EXIF {@code Orientation}, HEIF
 * {@code irot}/{@code imir}), so sizes and pixels are upright. File names are never trusted.
 */
public final class PictureDecoder {

    private static final long MAX_PIXELS = 100_000_000L;

    private final HeifDecoder heif;

    public PictureDecoder(Ffmpeg ffmpeg, Path tempDir) {
        this.heif = new HeifDecoder(ffmpeg, tempDir);
    }

    /** @return what the file is when it is an image that decodes, else empty */
    public Optional<Picture> describe(Path file) {
        Optional<Set<String>> brands = HeifBoxes.brands(file);
        if (brands.isPresent()) {
            try {
                // HEIF headers say little about whether the coded picture is intact: decode it, as Cloudinary does.
                HeifDecoder.Decoded d = heif.decode(file);
                int[] shown = HeifBoxes.orientation(file).displayed(d.image().getWidth(), d.image().getHeight());
                return Optional.of(new Picture(HeifDecoder.format(brands.get(), d.codec()), shown[0], shown[1], 1));
            } catch (PictureException e) {
                return Optional.empty();
            }
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = reader(in).orElse(null);
            if (reader == null) {
                return Optional.empty();
            }
            try {
                reader.setInput(in, false, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
                    return Optional.empty();
                }
                String format = format(reader.getFormatName());
                int pages = "gif".equals(format) ? frames(reader) : 1;
                int[] shown = ExifOrientation.of(file).displayed(width, height);
                return Optional.of(new Picture(format, shown[0], shown[1], pages));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return the first (or only) picture of the file, upright */
    public BufferedImage decode(Path file) throws PictureException {
        if (HeifBoxes.brands(file).isPresent()) {
            return HeifBoxes.orientation(file).apply(heif.decode(file).image());
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = reader(in).orElseThrow(() -> new PictureException("Invalid image file"));
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    throw new PictureException("Image is too large to process");
                }
                BufferedImage img = reader.read(0);
                if (img == null) {
                    throw new PictureException("Invalid image file");
                }
                return ExifOrientation.of(file).apply(img);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new PictureException("Invalid image file: " + e.getMessage(), e);
        }
    }

    private static Optional<ImageReader> reader(ImageInputStream in) {
        if (in == null) {
            return Optional.empty();
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        return readers.hasNext() ? Optional.of(readers.next()) : Optional.empty();
    }

    /** Cloudinary's names for ImageIO's formats. */
    static String format(String readerFormat) {
        String f = readerFormat.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "jpeg", "jpg" -> "jpg";
            case "tif", "tiff" -> "tiff";
            default -> f;
        };
    }

    private static int frames(ImageReader reader) {
        try {
            int n = reader.getNumImages(true);
            return n > 0 ? n : 1;
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }
}
