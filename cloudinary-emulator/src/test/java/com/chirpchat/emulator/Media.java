package com.chirpchat.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Media made with ffmpeg whose picture shows which way is up, and checks of what the emulator produced from it.
 * The stored frame of a "quadrant" source is red top-left, green top-right, blue bottom-left, white bottom-right,
 * so any output decoded and sampled at its four quadrant centres tells whether it was rotated, mirrored or not.
 */
final class Media {

    /** The stored picture's quadrants, top-left, top-right, bottom-left, bottom-right. */
    static final String STORED = "RGBW";

    private Media() {
    }

    /**
     * A short quadrant video with a tone; {@code rotation} (degrees counter-clockwise, as ffprobe reports it) is
     * written as display-matrix metadata the way phones record portrait video, {@code sar} as the sample aspect
     * ratio ({@code "1:1"} for square pixels).
     */
    static Path quadrantVideo(Path dir, String name, double seconds, int width, int height, int rotation, String sar) {
        Path plain = dir.resolve("plain-" + name);
        int hw = width / 2;
        int hh = height / 2;
        String picture = "color=c=red:s=" + width + "x" + height + ":d=" + seconds + ":r=25"
                + ",drawbox=x=" + hw + ":y=0:w=" + hw + ":h=" + hh + ":c=lime:t=fill"
                + ",drawbox=x=0:y=" + hh + ":w=" + hw + ":h=" + hh + ":c=blue:t=fill"
                + ",drawbox=x=" + hw + ":y=" + hh + ":w=" + hw + ":h=" + hh + ":c=white:t=fill"
                + ",setsar=" + sar.replace(':', '/');
        Fixtures.ffmpeg("-f", "lavfi", "-i", picture, "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds,
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                "-movflags", "+faststart", plain.toString());
        if (rotation == 0) {
            return plain;
        }
        Path rotated = dir.resolve(name);
        Fixtures.ffmpeg("-display_rotation", String.valueOf(rotation), "-i", plain.toString(), "-c", "copy",
                "-movflags", "+faststart", rotated.toString());
        return rotated;
    }

    /** A quadrant picture of the given size (not encoded). */
    static BufferedImage quadrantPicture(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        int hw = width / 2;
        int hh = height / 2;
        g.setColor(Color.RED);
        g.fillRect(0, 0, hw, hh);
        g.setColor(Color.GREEN);
        g.fillRect(hw, 0, width - hw, hh);
        g.setColor(Color.BLUE);
        g.fillRect(0, hh, hw, height - hh);
        g.setColor(Color.WHITE);
        g.fillRect(hw, hh, width - hw, height - hh);
        g.dispose();
        return img;
    }

    /** The colours at the four quadrant centres as letters (R, G, B, W; ? for anything else). */
    static String quadrants(BufferedImage img) {
        StringBuilder out = new StringBuilder();
        for (double[] at : new double[][] {{0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}}) {
            out.append(colour(img.getRGB((int) (img.getWidth() * at[0]), (int) (img.getHeight() * at[1]))));
        }
        return out.toString();
    }

    private static char colour(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (r > 180 && g > 180 && b > 180) {
            return 'W';
        }
        if (r > 150 && g < 90 && b < 90) {
            return 'R';
        }
        if (g > 150 && r < 90 && b < 90) {
            return 'G';
        }
        if (b > 150 && r < 90 && g < 90) {
            return 'B';
        }
        return '?';
    }

    /** The first frame of a video file or segment as stored (no display rotation applied). */
    static BufferedImage firstFrame(Path file) {
        Path png = file.resolveSibling(file.getFileName() + ".frame.png");
        Fixtures.ffmpeg("-noautorotate", "-i", file.toString(), "-frames:v", "1", "-f", "image2", "-c:v", "png", png.toString());
        return read(png);
    }

    static BufferedImage read(Path png) {
        try {
            BufferedImage img = ImageIO.read(png.toFile());
            if (img == null) {
                fail("not an image: " + png);
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ffprobe's description of the first video stream. */
    static JsonNode videoStream(Path file) {
        JsonNode root = Fixtures.json(Fixtures.ffprobe(file, "-select_streams", "v:0", "-show_streams", "-of", "json")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode stream = root.path("streams").path(0);
        if (stream.isMissingNode()) {
            fail("no video stream in " + file);
        }
        return stream;
    }

    /** Asserts a produced video stream is stored upright: square pixels and no display rotation left for players. */
    static void assertUprightSquarePixels(Path file) {
        JsonNode v = videoStream(file);
        String sar = v.path("sample_aspect_ratio").asText("1:1");
        assertThat(sar).as("sample aspect ratio of " + file.getFileName()).isIn("1:1", "0:1", "");
        for (JsonNode side : v.path("side_data_list")) {
            assertThat(side.path("rotation").asInt(0)).as("display rotation left in " + file.getFileName()).isZero();
        }
    }

    static int width(Path file) {
        return videoStream(file).path("width").asInt();
    }

    static int height(Path file) {
        return videoStream(file).path("height").asInt();
    }

    /** Bytes of a file, for writing what was downloaded. */
    static Path write(Path dir, String name, byte[] bytes) {
        try {
            Path file = dir.resolve(name);
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of a playlist that are URIs. */
    static List<String> uris(String playlist) {
        List<String> out = new ArrayList<>();
        playlist.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(out::add);
        return out;
    }

    /** {@code RESOLUTION=WxH} of every {@code #EXT-X-STREAM-INF} line of a master playlist, in order. */
    static List<int[]> resolutions(String master) {
        List<int[]> out = new ArrayList<>();
        for (String line : master.lines().toList()) {
            if (line.startsWith("#EXT-X-STREAM-INF")) {
                int at = line.indexOf("RESOLUTION=");
                if (at < 0) {
                    fail("no RESOLUTION in " + line);
                }
                String[] wh = line.substring(at + 11).split("[,\\s]")[0].toLowerCase(Locale.ROOT).split("x");
                out.add(new int[] {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])});
            }
        }
        return out;
    }
}
