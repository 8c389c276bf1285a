package com.chirpchat.emulator;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny local webhook endpoint that records what it receives and can answer 500 on purpose. */
final class NotificationReceiver implements AutoCloseable {

    /** One received request. */
    record Received(String timestamp, String signature, byte[] body, int answered) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final WebServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    NotificationReceiver() {
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.post("/hook", (req, res) -> {
                    byte[] body;
                    try (InputStream in = req.content().inputStream()) {
                        body = in.readAllBytes();
                    }
                    int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
                    received.add(new Received(req.headers().first(HeaderNames.create("X-Cld-Timestamp")).orElse(""),
                            req.headers().first(HeaderNames.create("X-Cld-Signature")).orElse(""), body, status));
                    res.status(status).send();
                }))
                .build().start();
    }

    String url() {
        return "http://127.0.0.1:" + server.port() + "/hook";
    }

    /** The next {@code n} notifications are answered with 500. */
    void failNext(int n) {
        failuresLeft.set(n);
    }

    /** @return the next request, failing the test if none arrives in time */
    Received next(Duration timeout) {
        try {
            Received r = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new AssertionError("no notification arrived within " + timeout);
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** @return requests that arrive within the window (possibly none) */
    List<Received> drain(Duration window) {
        List<Received> out = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Received r = received.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (r != null) {
                    out.add(r);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop();
    }
}
