package com.chirpchat.emulator.probe;

import com.chirpchat.emulator.ffmpeg.Ffmpeg;
import com.chirpchat.emulator.ffmpeg.FfmpegException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Finds the real format, dimensions and duration of a file by reading it: images through ImageIO (which has the
 * WebP plug-in), audio and video through ffprobe. File names are never trusted.
 */
public final class MediaProbe {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> WEBM_CODECS = Set.of("vp8", "vp9", "av1", "opus", "vorbis");
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
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new ProbeException("Unsupported video format or file", false);
        }
        JsonNode format = root.path("format");
        String formatName = format.path("format_name").asText("");
        if (formatName.isEmpty() || formatName.endsWith("_pipe") || formatName.equals("image2") || formatName.equals("tty")) {
            throw new ProbeException("Unsupported video format or file", false);
        }
        JsonNode video = null;
        JsonNode audio = null;
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asText();
            boolean attachedPicture = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if ("video".equals(type) && !attachedPicture && video == null) {
                video = stream;
            } else if ("audio".equals(type) && audio == null) {
                audio = stream;
            }
        }
        if (video == null && audio == null) {
            throw new ProbeException("Unsupported video format or file", false);
        }
        double duration = number(format.path("duration"));
        if (duration <= 0 && video != null) {
            duration = number(video.path("duration"));
        }
        if (duration <= 0 && audio != null) {
            duration = number(audio.path("duration"));
        }
        Map<String, Object> media = new LinkedHashMap<>();
        long bitRate = (long) number(format.path("bit_rate"));
        if (bitRate > 0) {
            media.put("bit_rate", bitRate);
        }
        int width = 0;
        int height = 0;
        if (video != null) {
            width = video.path("width").asInt(0);
            height = video.path("height").asInt(0);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("pix_format", video.path("pix_fmt").asText(""));
            v.put("codec", video.path("codec_name").asText(""));
            if (video.has("level")) {
                v.put("level", video.path("level").asInt());
            }
            if (video.has("profile")) {
                v.put("profile", video.path("profile").asText());
            }
            if (video.has("bit_rate")) {
                v.put("bit_rate", video.path("bit_rate").asText());
            }
            v.put("time_base", video.path("time_base").asText(""));
            media.put("video", v);
            double fps = rate(video.path("avg_frame_rate").asText(""));
            if (fps <= 0) {
                fps = rate(video.path("r_frame_rate").asText(""));
            }
            if (fps > 0) {
                media.put("frame_rate", Math.round(fps * 1000) / 1000.0);
            }
            if (video.has("nb_frames")) {
                media.put("nb_frames", video.path("nb_frames").asLong());
            }
        }
        if (audio != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("codec", audio.path("codec_name").asText(""));
            if (audio.has("bit_rate")) {
                a.put("bit_rate", audio.path("bit_rate").asText());
            }
            a.put("frequency", audio.path("sample_rate").asInt(0));
            a.put("channels", audio.path("channels").asInt(0));
            a.put("channel_layout", audio.path("channel_layout").asText(""));
            media.put("audio", a);
        }
        Probe.Kind kind = video != null ? Probe.Kind.VIDEO : Probe.Kind.AUDIO;
        String name = avFormat(formatName, kind, video, audio, format.path("tags").path("major_brand").asText("").trim());
        return new Probe(kind, name, width, height, Math.round(duration * 1000) / 1000.0, 0, media);
    }

    static String imageFormat(String readerFormat) {
        String f = readerFormat.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "jpeg", "jpg" -> "jpg";
            case "tif", "tiff" -> "tiff";
            default -> f;
        };
    }

    static String avFormat(String formatName, Probe.Kind kind, JsonNode video, JsonNode audio, String majorBrand) {
        boolean audioOnly = kind == Probe.Kind.AUDIO;
        if (formatName.startsWith("mov,mp4")) {
            if (audioOnly) {
                return "m4a";
            }
            if ("qt".equals(majorBrand)) {
                return "mov";
            }
            if (majorBrand.startsWith("3g")) {
                return "3gp";
            }
            return "mp4";
        }
        if (formatName.startsWith("matroska")) {
            boolean webm = (video == null || WEBM_CODECS.contains(video.path("codec_name").asText()))
                    && (audio == null || WEBM_CODECS.contains(audio.path("codec_name").asText()));
            return webm ? "webm" : "mkv";
        }
        return switch (formatName) {
            case "ogg" -> audioOnly ? "ogg" : "ogv";
            case "mpegts" -> "ts";
            case "asf" -> audioOnly ? "wma" : "wmv";
            case "mp3", "wav", "flac", "aac", "avi", "flv", "mpeg", "gif", "aiff", "amr", "caf", "opus" -> formatName;
            default -> formatName.contains(",") ? formatName.substring(0, formatName.indexOf(',')) : formatName;
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

    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return Double.parseDouble(node.asText("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double rate(String fraction) {
        int slash = fraction.indexOf('/');
        try {
            if (slash < 0) {
                return Double.parseDouble(fraction);
            }
            double den = Double.parseDouble(fraction.substring(slash + 1));
            return den == 0 ? 0 : Double.parseDouble(fraction.substring(0, slash)) / den;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
