package com.chirpchat.bootstrap.support;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import com.chirpchat.emulator.MediaTools;
import com.fasterxml.jackson.databind.JsonNode;

/** Media fixtures made in the test, and a client that uploads them the way a browser does. */
public final class MediaFiles {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final MediaTools TOOLS = MediaTools.bundled();

    private MediaFiles() {
    }

    public static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** A 2-second test-pattern video with a tone (H.264/AAC MP4), made by ffmpeg. */
    public static byte[] video(Path dir) {
        return ffmpeg(dir, "clip.mp4", "-f", "lavfi", "-i", "testsrc=duration=2:size=320x240:rate=15",
                      "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                      "-c:a", "aac", "-shortest");
    }

    /** A 2-second tone as MP3, made by ffmpeg. */
    public static byte[] audio(Path dir) {
        return ffmpeg(dir, "tone.mp3", "-f", "lavfi", "-i", "sine=frequency=330:duration=2", "-c:a", "libmp3lame");
    }

    private static byte[] ffmpeg(Path dir, String name, String... args) {
        Path out = dir.resolve(UUID.randomUUID() + "-" + name);
        // the same bundled ffmpeg the local media service uses: no system ffmpeg needed
        List<String> command = new java.util.ArrayList<>(List.of(TOOLS.ffmpeg(), "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(List.of(args));
        command.add(out.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("ffmpeg failed: " + new String(process.getInputStream().readAllBytes()));
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException("the bundled ffmpeg could not be run (" + TOOLS.origin() + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Posts the file to the signed upload URL as a browser form would: multipart with {@code file},
     * {@code api_key}, {@code timestamp}, {@code signature} and every signed parameter unchanged.
     */
    public static HttpResponse<String> upload(JsonNode signature, String fileName, byte[] file) {
        String boundary = "----chirp" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Iterator<Map.Entry<String, JsonNode>> params = signature.get("params").fields();
        while (params.hasNext()) {
            Map.Entry<String, JsonNode> param = params.next();
            field(body, boundary, param.getKey(), param.getValue().asText());
        }
        field(body, boundary, "api_key", signature.get("apiKey").asText());
        field(body, boundary, "timestamp", signature.get("timestamp").asText());
        field(body, boundary, "signature", signature.get("signature").asText());
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(file);
        write(body, "\r\n--" + boundary + "--\r\n");
        HttpRequest request = HttpRequest.newBuilder(URI.create(signature.get("uploadUrl").asText()))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Origin", "http://browser.example")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<byte[]> download(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
    }

    public static BufferedImage image(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
            if (image == null) {
                throw new AssertionError("not a readable image (" + bytes.length + " bytes)");
            }
            return image;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
    }

    private static void write(ByteArrayOutputStream body, String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new IllegalStateException("request to " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
