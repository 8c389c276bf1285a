package com.chirpchat.adapters.cloudinary;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import javax.imageio.ImageIO;

import com.chirpchat.application.media.SignedUpload;
import com.chirpchat.emulator.MediaEmulator;
import com.chirpchat.emulator.MediaTools;

import static org.assertj.core.api.Assertions.fail;

/** The local Cloudinary-compatible service, started in-test, and what the tests do with it. */
final class Emulated {
    static final String API_KEY = "614335564976464";
    static final String API_SECRET = "adapter-test-secret";
    static final String TOKEN_KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The ffmpeg the emulator itself uses (the bundled build), to make the test videos with. */
    private static final MediaTools TOOLS = MediaTools.bundled();

    private Emulated() {
    }

    static MediaEmulator start(Path dataDir) {
        return start(dataDir, Clock.systemUTC());
    }

    /** @param clock what the emulator takes for now when it checks tokens and download links */
    static MediaEmulator start(Path dataDir, Clock clock) {
        return MediaEmulator.builder().clock(clock)
                .host("127.0.0.1").port(0).dataDir(dataDir)
                .cloudName("chirpchat").apiKey(API_KEY).apiSecret(API_SECRET).tokenKey(TOKEN_KEY)
                .notificationRetries(5, Duration.ofMillis(100), Duration.ofMillis(800))
                .notificationTimeout(Duration.ofSeconds(5))
                .processingTimeout(Duration.ofSeconds(60))
                .strictTransformations(true) // as ChirpChat runs it
                .build().start();
    }

    /** The adapter in token mode, configured from the emulator's CLOUDINARY_URL (SDK options in its query). */
    static CloudinaryMediaStore tokenStore(MediaEmulator emulator, URI hook, UnaryOperator<CloudinarySettings.Builder> more) {
        return CloudinaryMediaStore.create(more.apply(CloudinarySettings.builder().cloudinaryUrl(emulator.cloudinaryUrl())
                .tokenKey(emulator.tokenKey()).notificationUrl(hook)).build(), Clock.systemUTC());
    }

    /** The adapter without a token key (download-API mode), configured from the emulator's SDK map. */
    static CloudinaryMediaStore downloadStore(MediaEmulator emulator, URI hook, UnaryOperator<CloudinarySettings.Builder> more) {
        CloudinarySettings.Builder b = CloudinarySettings.builder()
                .cloudinaryUrl("cloudinary://" + emulator.apiKey() + ":" + emulator.apiSecret() + "@" + emulator.cloudName())
                .notificationUrl(hook);
        emulator.sdkConfig().forEach((k, v) -> {
            if (!List.of("cloud_name", "api_key", "api_secret").contains(k)) {
                b.sdkOption(k, v);
            }
        });
        return CloudinaryMediaStore.create(more.apply(b).build(), Clock.systemUTC());
    }

    /** A fresh folder per test, so assets never collide. */
    static String folder() {
        return "chats/" + UUID.randomUUID();
    }

    /** Uploads the way a browser does: multipart with file, api_key, timestamp, signature and every param. */
    static HttpResponse<String> upload(SignedUpload signed, String fileName, byte[] file) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("api_key", signed.apiKey());
        fields.put("timestamp", Long.toString(signed.timestamp()));
        fields.put("signature", signed.signature());
        fields.putAll(signed.params());
        return upload(signed.uploadUrl(), fields, fileName, file);
    }

    static HttpResponse<String> upload(URI url, Map<String, String> fields, String fileName, byte[] file) {
        String boundary = "----chirpchat" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n"));
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(file);
        write(body, "\r\n--" + boundary + "--\r\n");
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<byte[]> get(URI url) {
        return send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static int status(URI url) {
        return get(url).statusCode();
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] png(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 90, 160));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 30; i++) {
            g.setColor(new Color((i * 53) % 255, (i * 97) % 255, (i * 31) % 255));
            g.fillOval((i * 17) % width, (i * 13) % height, 14, 14);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A 2-second test-pattern video with a tone (H.264/AAC MP4). */
    static byte[] video(Path dir) {
        Path file = dir.resolve("clip.mp4");
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=2", "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
               "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
               "-movflags", "+faststart", file.toString());
        return read(file);
    }

    /** A 2-second tone as MP3. */
    static byte[] audio(Path dir) {
        Path file = dir.resolve("tone.mp3");
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=660:duration=2", file.toString());
        return read(file);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails (never skips) when the bundled ffmpeg can't run: video and audio are part of what this adapter must handle. */
    private static void ffmpeg(String... args) {
        List<String> cmd = new ArrayList<>(List.of(TOOLS.ffmpeg(), "-hide_banner", "-nostdin", "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("ffmpeg timed out");
            }
            if (p.exitValue() != 0) {
                fail("ffmpeg failed: " + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            fail("the bundled ffmpeg could not be run (" + TOOLS.origin() + "): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
