package com.chirpchat.adapters.cloudinary;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.chirpchat.application.media.RawNotification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** A local webhook endpoint (the JDK's HTTP server) that keeps every notification as it arrived. */
final class Receiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One delivery: the raw notification and how it was answered. */
    record Delivery(RawNotification raw, JsonNode json, int answered) {
    }

    private final HttpServer server;
    private final List<Delivery> received = new ArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String timestamp = String.valueOf(exchange.getRequestHeaders().getFirst("X-Cld-Timestamp"));
            String signature = String.valueOf(exchange.getRequestHeaders().getFirst("X-Cld-Signature"));
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = JSON.nullNode();
            }
            synchronized (received) {
                received.add(new Delivery(new RawNotification(body, timestamp, signature), json, status));
                received.notifyAll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** The next {@code n} deliveries are answered 500 (the sender must try again). */
    void failNext(int n) {
        failuresLeft.set(n);
    }

    /** Every delivery so far of the {@code type} notification about {@code publicId}. */
    List<Delivery> all(String publicId, String type) {
        Predicate<Delivery> wanted = d -> publicId.equals(d.json().path("public_id").asText())
                && type.equals(d.json().path("notification_type").asText());
        synchronized (received) {
            return received.stream().filter(wanted).toList();
        }
    }

    /** Waits (bounded) for the first answered-200 delivery of that notification. */
    RawNotification await(String publicId, String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                for (Delivery d : all(publicId, type)) {
                    if (d.answered() == 200) {
                        return d.raw();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type + " notification for " + publicId + " within " + timeout
                            + "; received: " + received.stream().map(d -> d.json().path("notification_type").asText() + ":"
                            + d.json().path("public_id").asText()).toList());
                }
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
