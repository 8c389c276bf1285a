package com.chirpchat.adapters.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.chirpchat.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;

/** A JDK WebSocket client that keeps every text message and how the connection closed. */
final class WsProbe implements WebSocket.Listener {
    static final Duration WAIT = Duration.ofSeconds(10);

    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    /** The close code the server sent; -1 when the connection failed without one. */
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;

    static WsProbe connect(TestServer server, Map<String, String> headers) {
        try {
            WsProbe probe = new WsProbe();
            attempt(server, headers, probe).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return probe;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not connect", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static CompletableFuture<WebSocket> attempt(TestServer server, Map<String, String> headers, WsProbe probe) {
        WebSocket.Builder builder = server.client.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        return builder.buildAsync(server.wsUri(), probe);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    /** The next message as JSON; fails after {@link #WAIT}. */
    JsonNode next() {
        try {
            String text = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                throw new AssertionError("no message within " + WAIT);
            }
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Skips messages until one of the type arrives. */
    JsonNode next(String type) {
        for (int i = 0; i < 10_000; i++) {
            JsonNode message = next();
            if (message.path("type").asText().equals(type)) {
                return message;
            }
        }
        throw new AssertionError("no " + type + " message");
    }

    /**
     * Makes sure the server has subscribed this connection to its user's chats: the server queues {@code hello}
     * before subscribing, but reads the next client frame only after, on the same thread, so the answer to a ping
     * proves it. Call after {@code hello}, before causing the events the test expects, and only while no event can
     * be on its way (it expects the pong next).
     */
    void awaitSubscribed() {
        send("{\"type\":\"ping\"}");
        JsonNode answer = next();
        if (!answer.path("type").asText().equals("pong")) {
            throw new AssertionError("expected the pong, got " + answer);
        }
    }

    void send(String text) {
        try {
            socket.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    WebSocket socket() {
        return socket;
    }

    /** The close code, waiting for it up to {@link #WAIT}. */
    int awaitClose() {
        try {
            return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the connection did not close within " + WAIT, e);
        }
    }

    void abort() {
        if (socket != null) {
            socket.abort();
        }
    }
}
