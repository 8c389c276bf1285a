package com.chirpchat.emulator.image;

import com.chirpchat.emulator.decode.PictureDecoder;
import com.chirpchat.emulator.decode.PictureException;
import com.chirpchat.emulator.ffmpeg.Ffmpeg;
import com.chirpchat.emulator.transform.Output;
import com.chirpchat.emulator.transform.ProcessingException;
import com.chirpchat.emulator.transform.Quality;
import com.chirpchat.emulator.transform.Source;
import com.chirpchat.emulator.transform.Transformation;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Image transformations: decode upright ({@link PictureDecoder}), resize/crop/pad ({@link ImageOps}), encode
 * ({@link ImageEncoder}); animated GIFs into animated WebP/GIF ({@link AnimatedImages}). Metadata is not carried
 * over: the orientation is applied to the pixels instead.
 */
public final class ImageProcessor {

    private final PictureDecoder pictures;
    private final AnimatedImages animations;

    public ImageProcessor(PictureDecoder pictures, Ffmpeg ffmpeg) {
        this.pictures = pictures;
        this.animations = new AnimatedImages(ffmpeg);
    }

    /** Transforms {@code original} into {@code outDir/derived.<format>}. */
    public Output process(Path original, Source source, Transformation t, String format, Path outDir) throws ProcessingException {
        if (AnimatedImages.animates(source, format)) {
            return animations.make(original, source, t, format, outDir);
        }
        BufferedImage img;
        try {
            img = ImageOps.apply(pictures.decode(original), t);
        } catch (PictureException e) {
            throw new ProcessingException(e.getMessage(), e);
        }
        String file = "derived." + format;
        Path target = outDir.resolve(file);
        ImageEncoder.write(img, format, Quality.of(t.param("q")), target);
        try {
            return new Output(file, format, img.getWidth(), img.getHeight(), Files.size(target), 0);
        } catch (IOException e) {
            throw new ProcessingException("Could not write output", e);
        }
    }
}
