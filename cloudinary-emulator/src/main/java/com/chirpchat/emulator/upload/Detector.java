package com.chirpchat.emulator.upload;

import com.chirpchat.emulator.probe.MediaProbe;
import com.chirpchat.emulator.probe.Probe;
import com.chirpchat.emulator.probe.ProbeException;
import com.chirpchat.emulator.transform.SourceKind;
import com.chirpchat.emulator.web.ApiException;
import com.chirpchat.emulator.web.Params;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds out what an uploaded file really is (never from its name) and whether the signed upload allows it. */
final class Detector {

    private final MediaProbe probe;

    Detector(MediaProbe probe) {
        this.probe = probe;
    }

    /** @return the decoded description, or empty for a raw file */
    Optional<Probe> detect(String requestedType, Path file) {
        try {
            return switch (requestedType) {
                case "image" -> Optional.of(probe.image(file).orElseThrow(() -> ApiException.badRequest("Invalid image file")));
                case "video" -> Optional.of(probe.audioVisual(file));
                case "raw" -> Optional.empty();
                default -> { // auto
                    Optional<Probe> image = probe.image(file);
                    if (image.isPresent()) {
                        yield image;
                    }
                    try {
                        yield Optional.of(probe.audioVisual(file));
                    } catch (ProbeException e) {
                        if (e.serverSide()) {
                            throw e;
                        }
                        yield Optional.empty();
                    }
                }
            };
        } catch (ProbeException e) {
            throw e.serverSide() ? ApiException.internal(e.getMessage()) : ApiException.badRequest(e.getMessage());
        }
    }

    /**
     * Refuses formats outside {@code allowed_formats} with Cloudinary's message.
     *
     * @param format the detected format, or for a raw file the format its name gives ("" when none)
     */
    static void checkAllowedFormats(Params params, Optional<Probe> probed, String format) {
        List<String> allowed = UploadParams.formats(params.get("allowed_formats"));
        if (allowed.isEmpty() || allowed.contains(format.toLowerCase(Locale.ROOT))) {
            return;
        }
        String kind = probed.map(p -> p.kind() == Probe.Kind.IMAGE ? "Image" : "Video").orElse("Raw");
        throw ApiException.badRequest(kind + " file format " + (format.isEmpty() ? "(none)" : format) + " not allowed");
    }

    static String resourceType(Optional<Probe> probed) {
        return probed.map(p -> p.kind() == Probe.Kind.IMAGE ? "image" : "video").orElse("raw");
    }

    static SourceKind kind(Optional<Probe> probed) {
        return probed.map(p -> switch (p.kind()) {
            case IMAGE -> SourceKind.IMAGE;
            case VIDEO -> SourceKind.VIDEO;
            case AUDIO -> SourceKind.AUDIO;
        }).orElse(SourceKind.RAW);
    }
}
