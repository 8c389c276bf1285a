package com.chirpchat.emulator.image;

import com.chirpchat.emulator.transform.Output;
import com.chirpchat.emulator.transform.ProcessingException;
import com.chirpchat.emulator.transform.Quality;
import com.chirpchat.emulator.transform.Transformation;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Image transformations: decode, resize/crop/pad ({@link ImageOps}), encode ({@link ImageEncoder}). */
public final class ImageProcessor {

    private static final long MAX_PIXELS = 100_000_000L;

    /** Transforms {@code source} into {@code outDir/derived.<format>}. */
    public Output process(Path source, Transformation t, String format, Path outDir) throws ProcessingException {
        BufferedImage img = ImageOps.apply(decode(source), t);
        String file = "derived." + format;
        Path target = outDir.resolve(file);
        ImageEncoder.write(img, format, Quality.of(t.param("q")), target);
        try {
            return new Output(file, format, img.getWidth(), img.getHeight(), Files.size(target), 0);
        } catch (IOException e) {
            throw new ProcessingException("Could not write output", e);
        }
    }

    /** Decodes the whole image; throws when the data is corrupt. */
    static BufferedImage decode(Path source) throws ProcessingException {
        try (ImageInputStream in = ImageIO.createImageInputStream(source.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ProcessingException("Invalid image file");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    throw new ProcessingException("Image is too large to process");
                }
                BufferedImage img = reader.read(0);
                if (img == null) {
                    throw new ProcessingException("Invalid image file");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ProcessingException("Invalid image file: " + e.getMessage(), e);
        }
    }
}
