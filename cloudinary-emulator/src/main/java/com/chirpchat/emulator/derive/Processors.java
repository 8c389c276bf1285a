package com.chirpchat.emulator.derive;

import com.chirpchat.emulator.image.ImageProcessor;
import com.chirpchat.emulator.transform.Output;
import com.chirpchat.emulator.transform.ProcessingException;
import com.chirpchat.emulator.transform.Source;
import com.chirpchat.emulator.transform.Transformation;
import com.chirpchat.emulator.video.VideoProcessor;

import java.nio.file.Path;

/** Routes a transformation to the image or the ffmpeg pipeline. */
public final class Processors {

    private final ImageProcessor images;
    private final VideoProcessor video;

    public Processors(ImageProcessor images, VideoProcessor video) {
        this.images = images;
        this.video = video;
    }

    public Output process(Path original, Source source, Transformation t, String format, Path outDir) throws ProcessingException {
        return switch (source.kind()) {
            case IMAGE -> images.process(original, source, t, format, outDir);
            case VIDEO, AUDIO -> video.process(original, source, t, format, outDir);
            case RAW -> throw new ProcessingException("Transformations are not supported for raw files");
        };
    }
}
