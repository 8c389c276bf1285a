package com.chirpchat.bootstrap.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/** A real WebSocket client of /ws that keeps every frame it receives. */
public final class Socket implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket ws;
    private final BlockingQueue<JsonNode> frames;
    private final List<JsonNode> history;
    private final CompletableFuture<Integer> closed;

    private Socket(WebSocket ws, Collector collector) {
        this.ws = ws;
        this.frames = collector.frames;
        this.history = collector.history;
        this.closed = collector.closed;
    }

    /** Every frame received so far, consumed or not, in arrival order. */
    public List<JsonNode> history() {
        return List.copyOf(history);
    }

    /** The sequence numbers of the chat's events received so far, in arrival order. */
    public List<Long> seqs(String chatId) {
        return history().stream()
                .filter(f -> chatId.equals(f.path("chatId").asText()) && f.has("seq"))
                .map(f -> f.get("seq").asLong())
                .toList();
    }

    /** Connects with the token in the Authorization header (null: no header, authenticate with a first frame). */
    public static Socket connect(URI httpBase, String token, Map<String, String> headers) {
        URI uri = URI.create(httpBase.toString().replaceFirst("^http", "ws") + "/ws");
        Collector collector = new Collector();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        WebSocket ws = builder.buildAsync(uri, collector).orTimeout(15, TimeUnit.SECONDS).join();
        return new Socket(ws, collector);
    }

    /** Connects with header auth and waits for the hello. */
    public static Socket open(URI httpBase, String token) {
        Socket socket = connect(httpBase, token, Map.of());
        socket.await(f -> f.path("type").asText().equals("hello"), Duration.ofSeconds(10));
        return socket;
    }

    public void send(Object frame) {
        ws.sendText(Api.write(frame), true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The next frame matching, skipping others; fails after the timeout. */
    public JsonNode await(Predicate<JsonNode> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> skipped = new ArrayList<>();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode frame = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
                if (frame == null) {
                    throw new AssertionError("no matching frame within " + timeout + "; skipped " + skipped);
                }
                if (wanted.test(frame)) {
                    return frame;
                }
                skipped.add(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The chat events of one chat received within the timeout, until {@code count} have arrived. */
    public List<JsonNode> events(String chatId, int count, Duration timeout) {
        List<JsonNode> events = new ArrayList<>();
        while (events.size() < count) {
            events.add(await(f -> chatId.equals(f.path("chatId").asText()) && f.has("seq"), timeout));
        }
        return events;
    }

    /**
     * A ping/pong round trip: the barrier before asserting that something did not arrive. Events are handed to a
     * connection's single outbound queue on the thread that committed them, before the HTTP answer; the pong joins
     * that queue after this ping arrives, so whatever the server had for this socket when the test asked is in
     * {@link #history()} once the pong is.
     */
    public void roundTrip() {
        send(java.util.Map.of("type", "ping"));
        await(f -> f.path("type").asText().equals("pong"), Duration.ofSeconds(10));
    }

    /** Everything received so far and not yet consumed. */
    public List<JsonNode> drain() {
        List<JsonNode> all = new ArrayList<>();
        frames.drainTo(all);
        return all;
    }

    /** The close code the server sent, waiting up to the timeout. */
    public int closeCode(Duration timeout) {
        return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        ws.abort();
    }

    private static final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final List<JsonNode> history = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode frame = Api.JSON.readTree(partial.toString());
                    history.add(frame);
                    frames.add(frame);
                } catch (IOException e) {
                    throw new IllegalStateException("server sent a frame that is not JSON: " + partial, e);
                } finally {
                    partial.setLength(0);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }
}
