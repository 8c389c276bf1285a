package com.chirpchat.emulator.probe;

import com.chirpchat.emulator.decode.PictureDecoder;
import com.chirpchat.emulator.ffmpeg.Ffmpeg;
import com.chirpchat.emulator.ffmpeg.FfmpegException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the real format, dimensions and duration of a file by reading it: images through {@link PictureDecoder}
 * (upright sizes), audio and video through ffprobe (displayed sizes). File names are never trusted.
 */
public final class MediaProbe {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Ffmpeg ffmpeg;
    private final PictureDecoder pictures;

    public MediaProbe(Ffmpeg ffmpeg, PictureDecoder pictures) {
        this.ffmpeg = ffmpeg;
        this.pictures = pictures;
    }

    /** @return the image's format and upright size, or empty when it is not an image that decodes */
    public Optional<Probe> image(Path file) {
        return pictures.describe(file).map(p -> new Probe(Probe.Kind.IMAGE, p.format(), p.width(), p.height(), 0,
                p.pages(), Map.of()));
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
}
