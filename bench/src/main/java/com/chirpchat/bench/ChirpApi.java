package com.chirpchat.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The REST calls the harness makes to set up a ChirpChat instance: accounts, tokens, chats, media. */
final class ChirpApi implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "bench-password-1";

    final int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    ChirpApi(int port) {
        this.port = port;
    }

    /** A registered user and an access token. */
    record User(String id, String username, String token) {
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Registers and logs in {@code count} users named {@code prefix + i}, {@code parallel} at a time. */
    List<User> users(String prefix, int count, int parallel) throws Exception {
        Semaphore permits = new Semaphore(parallel);
        List<Future<User>> futures = new ArrayList<>(count);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                String name = String.format("%s-%05d", prefix, i); // 3 to 32 of [a-z0-9_.-]
                permits.acquire();
                futures.add(pool.submit(() -> {
                    try {
                        return registerAndLogIn(name);
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        List<User> users = new ArrayList<>(count);
        for (Future<User> f : futures) {
            users.add(f.get());
        }
        return users;
    }

    User registerAndLogIn(String username) throws IOException, InterruptedException {
        ObjectNode reg = JSON.createObjectNode().put("username", username).put("password", PASSWORD).put("displayName", username);
        JsonNode registered = call("POST", "/auth/register", null, reg, 201);
        ObjectNode login = JSON.createObjectNode().put("username", username).put("password", PASSWORD);
        JsonNode token = call("POST", "/auth/login", null, login, 200);
        return new User(registered.get("id").asText(), username, token.get("accessToken").asText());
    }

    String createChat(User owner, String title, List<User> others) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("title", title);
        ArrayNode ids = body.putArray("memberIds");
        others.forEach(u -> ids.add(u.id()));
        return call("POST", "/chats", owner.token(), body, 201).get("id").asText();
    }

    JsonNode postMessage(User author, String chatId, String text) throws IOException, InterruptedException {
        return call("POST", "/chats/" + chatId + "/messages", author.token(),
                    JSON.createObjectNode().put("text", text), 201);
    }

    /**
     * A ready image message in the chat: asks for an upload signature, posts the PNG with every signed parameter to
     * the local media service (multipart, as a browser would), then waits until {@code GET /media/{id}} is ready.
     */
    String readyImage(User author, String chatId, byte[] png, Duration timeout) throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode().put("chatId", chatId).put("resourceType", "image")
                .put("fileName", "bench.png").put("bytes", png.length);
        JsonNode sig = call("POST", "/uploads/get-cloudinary-upload-signature", author.token(), request, 200);
        String messageId = sig.get("messageId").asText();
        String boundary = "bench" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, boundary, "api_key", sig.get("apiKey").asText());
        field(body, boundary, "timestamp", sig.get("timestamp").asText());
        field(body, boundary, "signature", sig.get("signature").asText());
        for (Map.Entry<String, JsonNode> param : sig.get("params").properties()) {
            field(body, boundary, param.getKey(), param.getValue().asText());
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(png);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> upload = client.send(
                HttpRequest.newBuilder(URI.create(sig.get("uploadUrl").asText()))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (upload.statusCode() / 100 != 2) {
            throw new IOException("upload to the local media service failed: " + upload.statusCode() + " " + upload.body());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String status = "?";
        while (System.nanoTime() < deadline) {
            JsonNode media = call("GET", "/media/" + messageId, author.token(), null, 200);
            status = media.path("status").asText();
            if ("ready".equals(status)) {
                return messageId;
            }
            if ("failed".equals(status)) {
                throw new IOException("media processing failed: " + media);
            }
            Thread.sleep(200);
        }
        throw new IOException("media not ready within " + timeout + " (status " + status + ")");
    }

    private static void field(ByteArrayOutputStream out, String boundary, String name, String value) throws IOException {
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                          .getBytes(StandardCharsets.UTF_8));
    }

    JsonNode call(String method, String path, String token, JsonNode body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
