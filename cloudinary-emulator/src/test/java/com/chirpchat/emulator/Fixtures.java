package com.chirpchat.emulator;

import com.chirpchat.emulator.ffmpeg.Ffmpeg;
import com.cloudinary.Cloudinary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.fail;

/** Shared test fixtures: a configured emulator, the real SDK pointed at it, generated media files. */
final class Fixtures {

    static final String API_KEY = "614335564976464";
    static final String API_SECRET = "emulator-test-secret";
    static final String TOKEN_KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static MediaEmulator.Builder emulator(Path dataDir) {
        return MediaEmulator.builder()
                .host("127.0.0.1").port(0)
                .dataDir(dataDir)
                .cloudName("chirpchat").apiKey(API_KEY).apiSecret(API_SECRET).tokenKey(TOKEN_KEY)
                .notificationRetries(5, Duration.ofMillis(100), Duration.ofMillis(800))
                .notificationTimeout(Duration.ofSeconds(5))
                .processingTimeout(Duration.ofSeconds(60));
    }

    static Cloudinary sdk(MediaEmulator emulator) {
        return new Cloudinary(new HashMap<>(emulator.sdkConfig()));
    }

    static Cloudinary sdk(MediaEmulator emulator, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(emulator.sdkConfig());
        config.putAll(extra);
        return new Cloudinary(config);
    }

    /** Adds {@code timestamp} (unless given), {@code signature} (SDK-computed) and {@code api_key} to request parameters. */
    static Map<String, String> signed(Cloudinary sdk, Map<String, String> params) {
        Map<String, Object> toSign = new HashMap<>(params);
        toSign.putIfAbsent("timestamp", String.valueOf(java.time.Instant.now().getEpochSecond()));
        String signature = sdk.apiSignRequest(toSign, API_SECRET, 2);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        toSign.forEach((k, v) -> out.put(k, v.toString()));
        out.put("signature", signature);
        out.put("api_key", API_KEY);
        return out;
    }

    /** POSTs a browser-style multipart form with the file and the fields. */
    static HttpResponse<byte[]> postMultipart(String url, Map<String, String> fields, String filename, byte[] file,
                                              String... headers) {
        Multipart form = new Multipart();
        fields.forEach(form::field);
        if (file != null) {
            form.file("file", filename, "application/octet-stream", file);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body()));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    static String uploadUrl(MediaEmulator emulator, String resourceType) {
        return emulator.baseUri() + "/v1_1/" + emulator.cloudName() + "/" + resourceType + "/upload";
    }

    /** SDK eager transformations from strings like {@code c_fill,w_10/jpg} (the SDK wants objects, not strings). */
    static List<com.cloudinary.EagerTransformation> eager(String... items) {
        List<com.cloudinary.EagerTransformation> out = new ArrayList<>();
        for (String item : items) {
            int slash = item.lastIndexOf('/');
            com.cloudinary.EagerTransformation e = new com.cloudinary.EagerTransformation();
            if (slash > 0) {
                e.rawTransformation(item.substring(0, slash));
            }
            out.add(e.format(item.substring(slash + 1)));
        }
        return out;
    }

    /** The ffmpeg and ffprobe an unconfigured emulator uses: the bundled build, extracted once. */
    static final MediaTools TOOLS = MediaTools.bundled();

    /** Fails (never skips) when the bundled ffmpeg cannot run: the emulator's video support is part of the contract. */
    static void requireFfmpeg() {
        if (!new Ffmpeg(TOOLS.ffmpeg(), TOOLS.ffprobe(), Duration.ofSeconds(20)).available()) {
            fail("the bundled ffmpeg/ffprobe could not be run (" + TOOLS.ffmpeg() + ", " + TOOLS.origin() + ")");
        }
    }

    /** A PNG with detail on one side, so crops are not trivially centred. */
    static Path png(Path dir, String name, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 90, 160));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color((i * 53) % 255, (i * 97) % 255, (i * 31) % 255));
            g.fillOval((int) (width * 0.6) + (i * 7) % Math.max(1, width / 3), (i * 13) % height, 12, 12);
        }
        g.dispose();
        Path file = dir.resolve(name);
        try {
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A PNG of random pixels: big for its size, so it needs several chunks. */
    static Path noisyPng(Path dir, String name, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        Path file = dir.resolve(name);
        try {
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A short test-pattern video with a sine tone (H.264/AAC MP4, moov first). */
    static Path video(Path dir, String name, double seconds, int width, int height) {
        Path file = dir.resolve(name);
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=" + width + "x" + height + ":rate=25:duration=" + seconds,
                "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds,
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                "-movflags", "+faststart", file.toString());
        return file;
    }

    /** A short sine tone; the format follows the extension (mp3, wav, ogg, m4a). */
    static Path audio(Path dir, String name, double seconds) {
        Path file = dir.resolve(name);
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=660:duration=" + seconds, file.toString());
        return file;
    }

    /** A copy of a valid MP4 whose media data is overwritten with noise: headers parse, frames do not decode. */
    static Path corruptVideo(Path dir, Path valid) throws IOException {
        byte[] bytes = Files.readAllBytes(valid);
        int mdat = indexOf(bytes, "mdat".getBytes());
        if (mdat < 0) {
            fail("fixture has no mdat box");
        }
        java.util.Random random = new java.util.Random(7);
        for (int i = mdat + 8; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        Path file = dir.resolve("corrupt.mp4");
        Files.write(file, bytes);
        return file;
    }

    static void ffmpeg(String... args) {
        List<String> cmd = new ArrayList<>(List.of(TOOLS.ffmpeg(), "-hide_banner", "-nostdin", "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        run(cmd);
    }

    static String ffprobe(Path file, String... entries) {
        List<String> cmd = new ArrayList<>(List.of(TOOLS.ffprobe(), "-v", "error"));
        cmd.addAll(List.of(entries));
        cmd.add(file.toString());
        return run(cmd);
    }

    static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(cmd.get(0) + " timed out");
            }
            String text = new String(out);
            if (p.exitValue() != 0) {
                fail(String.join(" ", cmd) + " failed: " + text);
            }
            return text;
        } catch (IOException e) {
            fail("cannot run " + cmd.get(0) + ": " + e.getMessage());
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> get(String url, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
            if (img == null) {
                fail("not a decodable image (" + bytes.length + " bytes)");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
