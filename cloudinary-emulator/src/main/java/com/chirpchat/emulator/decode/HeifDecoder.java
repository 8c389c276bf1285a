package com.chirpchat.emulator.decode;

import com.chirpchat.emulator.ffmpeg.Ffmpeg;
import com.chirpchat.emulator.ffmpeg.FfmpegException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * HEIC/HEIF and AVIF stills through ffmpeg, which decodes HEVC and AV1 items. A phone's HEIC is usually a grid of
 * tiles (ffmpeg 7 reports it as a "Tile Grid" stream group but does not assemble it); the tiles are put together
 * with {@code xstack} and cropped to the grid's output size. The result is read back as PNG.
 */
final class HeifDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ffmpeg ffmpeg;
    private final Path tempDir;

    HeifDecoder(Ffmpeg ffmpeg, Path tempDir) {
        this.ffmpeg = ffmpeg;
        this.tempDir = tempDir;
    }

    /** @return Cloudinary's format name: avif for AV1, heic for HEVC */
    static String format(Set<String> brands, String codec) {
        return codec.equals("av1") || brands.contains("avif") ? "avif" : "heic";
    }

    /** @return the primary picture as stored (not yet turned by irot/imir) and its codec */
    Decoded decode(Path file) throws PictureException {
        JsonNode root;
        try {
            root = JSON.readTree(ffmpeg.probe(file, List.of("-show_streams", "-show_stream_groups")));
        } catch (FfmpegException | IOException e) {
            throw new PictureException("Invalid image file");
        }
        List<String> args = new ArrayList<>(List.of("-i", file.toString()));
        String codec = "";
        JsonNode grid = tileGrid(root);
        if (grid != null) {
            StringBuilder inputs = new StringBuilder();
            List<String> layout = new ArrayList<>();
            for (JsonNode tile : grid.path("subcomponents")) {
                inputs.append("[0:").append(tile.path("stream_index").asInt()).append(']');
                layout.add(tile.path("tile_horizontal_offset").asInt() + "_" + tile.path("tile_vertical_offset").asInt());
            }
            String crop = "crop=" + grid.path("width").asInt() + ":" + grid.path("height").asInt() + ":"
                    + grid.path("horizontal_offset").asInt() + ":" + grid.path("vertical_offset").asInt();
            String graph = layout.size() == 1 ? inputs + crop
                    : inputs + "xstack=inputs=" + layout.size() + ":layout=" + String.join("|", layout) + ":fill=black," + crop;
            args.addAll(List.of("-filter_complex", graph + "[out]", "-map", "[out]"));
            codec = root.path("streams").path(0).path("codec_name").asText("");
        } else {
            JsonNode largest = largestPicture(root);
            if (largest == null) {
                throw new PictureException("Invalid image file");
            }
            args.addAll(List.of("-map", "0:" + largest.path("index").asInt()));
            codec = largest.path("codec_name").asText("");
        }
        Path png = null;
        try {
            png = Files.createTempFile(tempDir, "heif-", ".png");
            args.addAll(List.of("-frames:v", "1", "-pix_fmt", "rgb24", "-f", "image2", "-c:v", "png", png.toString()));
            ffmpeg.run(args);
            BufferedImage img = ImageIO.read(png.toFile());
            if (img == null) {
                throw new PictureException("Invalid image file");
            }
            return new Decoded(img, codec);
        } catch (FfmpegException | IOException e) {
            throw new PictureException("Invalid image file", e);
        } finally {
            delete(png);
        }
    }

    /** A decoded picture and the codec it was coded with. */
    record Decoded(BufferedImage image, String codec) {
    }

    private static JsonNode tileGrid(JsonNode root) {
        for (JsonNode group : root.path("stream_groups")) {
            if ("Tile Grid".equals(group.path("type").asText())) {
                JsonNode component = group.path("components").path(0);
                if (component.path("subcomponents").size() > 0) {
                    return component;
                }
            }
        }
        return null;
    }

    /** Without a grid the primary item is the biggest picture (others are thumbnails, depth or gain maps). */
    private static JsonNode largestPicture(JsonNode root) {
        JsonNode best = null;
        for (JsonNode s : root.path("streams")) {
            if ("video".equals(s.path("codec_type").asText())
                    && (best == null || area(s) > area(best))) {
                best = s;
            }
        }
        return best;
    }

    private static long area(JsonNode s) {
        return (long) s.path("width").asInt() * s.path("height").asInt();
    }

    private static void delete(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // scratch space is wiped at start
        }
    }
}
