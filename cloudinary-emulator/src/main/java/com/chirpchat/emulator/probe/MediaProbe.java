package com.chirpchat.emulator.probe;

import com.chirpchat.emulator.ffmpeg.Ffmpeg;
import com.chirpchat.emulator.ffmpeg.FfmpegException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Finds the real format, dimensions and duration of a file by reading it: images through ImageIO (which has the
 * WebP plug-in), audio and video through ffprobe. File names are never trusted.
 */
public final class MediaProbe {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MAX_PIXELS = 100_000_000L;

    private final Ffmpeg ffmpeg;

    public MediaProbe(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** @return the image's format and size, or empty when ImageIO cannot read it */
    public Optional<Probe> image(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return Optional.empty();
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
                    return Optional.empty();
                }
                String format = imageFormat(reader.getFormatName());
                int pages = 1;
                if ("gif".equals(format)) {
                    pages = countFrames(reader);
                }
                return Optional.of(new Probe(Probe.Kind.IMAGE, format, width, height, 0, pages, Map.of()));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @return the file as video or audio
     * @throws ProbeException when it is neither (or ffprobe is unavailable, {@link ProbeException#serverSide()})
     */
    public Probe audioVisual(Path file) throws ProbeException {
        String json;
        try {
            json = ffmpeg.probe(file);
        } catch (FfmpegException e) {
            if (e.getMessage().startsWith(Ffmpeg.INSTALL_HINT)) {
                throw new ProbeException(e.getMessage(), true);
            }
            throw new ProbeException("Unsupported video format or file", false);
        }
        try {
            return AvDescription.of(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new ProbeException("Unsupported video format or file", false);
        }
    }

    static String imageFormat(String readerFormat) {
        String f = readerFormat.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "jpeg", "jpg" -> "jpg";
            case "tif", "tiff" -> "tiff";
            default -> f;
        };
    }

    private static int countFrames(ImageReader reader) {
        try {
            int n = reader.getNumImages(true);
            return n > 0 ? n : 1;
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

}
