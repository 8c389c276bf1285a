package com.chirpchat.bootstrap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.Api.Session;
import com.chirpchat.bootstrap.support.MediaFiles;
import com.chirpchat.bootstrap.support.Socket;
import com.chirpchat.bootstrap.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The media service's genuine, signed notifications are caught on their way (the server's public URL points at a
 * relay) and handed over in the wrong order, then again: the media ends ready with exactly one
 * {@code media_processed}.
 */
class NotificationOrderIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<Caught> caught = new CopyOnWriteArrayList<>();
    private static HttpServer relay;
    private static ChirpChatServer server;
    private static Api api;

    record Caught(String path, String timestamp, String signature, byte[] body) {
        String type() {
            try {
                return Api.JSON.readTree(body).path("notification_type").asText();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeAll
    static void start() throws IOException {
        relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        relay.createContext("/", exchange -> {
            caught.add(new Caught(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("X-Cld-Timestamp"),
                                  exchange.getRequestHeaders().getFirst("X-Cld-Signature"), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1); // acknowledged here; the test delivers it later
            exchange.close();
        });
        relay.start();
        Map<String, String> settings = TestServer.defaults(TestServer.tempDir("chirp-order"));
        settings.put("chirpchat.public-base-url", "http://127.0.0.1:" + relay.getAddress().getPort());
        server = TestServer.start(settings);
        api = new Api(server.baseUri());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (relay != null) {
            relay.stop(0);
        }
    }

    @Test
    void processingBeforeUploadAndRepeatsEndReadyWithOneEvent() throws Exception {
        Session ada = api.signUp("ada");
        String chatId = api.post("/chats", ada.token(), Map.of("title", "order", "memberIds", List.of())).expect(201).json().get("id").asText();
        try (Socket socket = Socket.open(api.base(), ada.token())) {
            JsonNode signature = api.post("/uploads/get-cloudinary-upload-signature", ada.token(),
                                          Map.of("chatId", chatId, "resourceType", "image", "fileName", "p.png")).expect(200).json();
            String messageId = signature.get("messageId").asText();
            assertThat(MediaFiles.upload(signature, "p.png", MediaFiles.png(300, 200)).statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(60)).until(() -> caught.stream().map(Caught::type).distinct().count() == 2);
            Caught upload = caught.stream().filter(c -> c.type().equals("upload")).findFirst().orElseThrow();
            Caught eager = caught.stream().filter(c -> c.type().equals("eager")).findFirst().orElseThrow();
            assertThat(upload.path()).isEqualTo("/webhooks/cloudinary/media-processed");

            assertThat(deliver(eager)).contains("applied");
            assertThat(api.get("/media/" + messageId, ada.token()).expect(200).json().get("status").asText())
                    .as("processed before the upload arrived: still uploading").isEqualTo("uploading");
            assertThat(deliver(upload)).contains("applied");
            JsonNode processed = socket.await(f -> f.path("type").asText().equals("media_processed"), Duration.ofSeconds(10));
            assertThat(processed.get("data").get("media").get("variants").toString()).isEqualTo("[\"thumbnail_250\",\"preview_800\"]");

            assertThat(deliver(upload)).contains("already_known");
            assertThat(deliver(eager)).contains("already_known");
            // the barrier: a message posted now is the chat's next event; had a repeat emitted anything, it would
            // have had the seq in between and reached the socket first (each chat's events arrive in seq order)
            api.post("/chats/" + chatId + "/messages", ada.token(), Map.of("text", "after the repeats")).expect(201);
            JsonNode sentinel = socket.await(f -> f.path("type").asText().equals("message_created")
                    && f.path("data").path("text").asText().equals("after the repeats"), Duration.ofSeconds(10));
            assertThat(sentinel.get("seq").asLong()).as("nothing between").isEqualTo(processed.get("seq").asLong() + 1);
            assertThat(socket.history()).filteredOn(f -> f.path("type").asText().startsWith("media_")).hasSize(1);
            assertThat(api.get("/media/" + messageId, ada.token()).expect(200).json().get("status").asText()).isEqualTo("ready");
        }
    }

    private static String deliver(Caught notification) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUri() + notification.path()))
                                                          .header("Content-Type", "application/json")
                                                          .header("X-Cld-Timestamp", notification.timestamp())
                                                          .header("X-Cld-Signature", notification.signature())
                                                          .POST(HttpRequest.BodyPublishers.ofByteArray(notification.body()))
                                                          .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
