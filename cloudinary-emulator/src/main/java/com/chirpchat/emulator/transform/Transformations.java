package com.chirpchat.emulator.transform;

import java.util.List;
import java.util.Set;

/** Which transformations make sense for which sources (checked before anything is stored or queued). */
public final class Transformations {

    private static final List<String> VIDEO_ONLY = List.of("so", "eo", "du", "fps", "sp", "vc", "ac", "br");

    private Transformations() {
    }

    /**
     * @return the output format the transformation produces for this source
     * @throws TransformationException when the source cannot be transformed that way
     */
    public static String check(Transformation t, SourceKind kind, String originalFormat) throws TransformationException {
        String out = t.outputFormat(originalFormat);
        boolean waveform = t.hasFlag("waveform");
        switch (kind) {
            case RAW -> throw new TransformationException("Transformations are not supported for raw files");
            case IMAGE -> {
                for (String p : VIDEO_ONLY) {
                    if (t.param(p).isPresent()) {
                        throw new TransformationException("Invalid transformation for an image - " + p + "_" + t.param(p).get());
                    }
                }
                if (waveform) {
                    throw new TransformationException("fl_waveform is only supported for audio and video");
                }
                requireIn(out, TransformationParser.IMAGE_FORMATS, "Image cannot be delivered as " + out);
            }
            case VIDEO -> {
                if (!TransformationParser.IMAGE_FORMATS.contains(out) && !TransformationParser.VIDEO_FORMATS.contains(out)
                        && !TransformationParser.AUDIO_FORMATS.contains(out)) {
                    throw new TransformationException("Video cannot be delivered as " + out);
                }
                checkVideoCommon(t, out, waveform);
            }
            case AUDIO -> {
                if (waveform) {
                    requireIn(out, Set.of("png", "jpg", "webp"), "fl_waveform produces png, jpg or webp, not " + out);
                } else {
                    requireIn(out, TransformationParser.AUDIO_FORMATS, "Audio cannot be delivered as " + out);
                    for (String p : List.of("w", "h", "c", "g", "fps", "sp", "vc")) {
                        if (t.param(p).isPresent()) {
                            throw new TransformationException("Invalid transformation for audio - " + p + "_" + t.param(p).get());
                        }
                    }
                }
                checkVideoCommon(t, out, waveform);
            }
            default -> throw new IllegalStateException();
        }
        return out;
    }

    private static void checkVideoCommon(Transformation t, String out, boolean waveform) throws TransformationException {
        boolean streaming = out.equals("m3u8") || out.equals("mpd");
        if (t.param("sp").isPresent() && !streaming) {
            throw new TransformationException("Streaming profiles (sp_) require the m3u8 or mpd format");
        }
        if (waveform && !TransformationParser.IMAGE_FORMATS.contains(out)) {
            throw new TransformationException("fl_waveform produces an image format, not " + out);
        }
        String vc = t.param("vc").orElse("auto");
        if (out.equals("webm") && (vc.equals("h264") || vc.equals("h265"))) {
            throw new TransformationException("vc_" + vc + " cannot be used with webm");
        }
        if ((out.equals("mp4") || streaming) && (vc.equals("vp8") || vc.equals("vp9"))) {
            throw new TransformationException("vc_" + vc + " cannot be used with " + out);
        }
        if (streaming && vc.equals("none")) {
            throw new TransformationException("vc_none cannot be used with " + out);
        }
    }

    private static void requireIn(String out, Set<String> allowed, String message) throws TransformationException {
        if (!allowed.contains(out)) {
            throw new TransformationException(message);
        }
    }
}
