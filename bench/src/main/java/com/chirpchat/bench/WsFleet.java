package com.chirpchat.bench;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Real WebSocket clients ({@code java.net.http.WebSocket}, auth in the handshake's Authorization header), one per
 * user, that hand every text frame with its receipt time to the current {@link StepMeter}. Per frame the work is
 * small: take the time, find the marker (no JSON parsing), count, record. Clients ping every 50 s so the server's
 * idle timeout never closes them; a client the server closed (e.g. as a slow consumer) is counted and reconnected
 * before the next step.
 */
final class WsFleet implements ClientFleet {
    final String name;
    private final List<Spec> specs;
    private final HttpClient client;
    private final Client[] clients;
    private final ScheduledExecutorService pinger;
    private volatile StepMeter meter;
    private final LongAdder frames = new LongAdder();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final AtomicInteger reconnects = new AtomicInteger();
    private volatile long lastFrameNanos = System.nanoTime();
    private volatile int lastTextLength;

    WsFleet(String name, List<Spec> specs) {
        this.name = name;
        this.specs = specs;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.clients = new Client[specs.size()];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = new Client(i);
        }
        this.pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ws-pinger-" + name);
            t.setDaemon(true);
            return t;
        });
        pinger.scheduleWithFixedDelay(this::pingAll, 50, 50, TimeUnit.SECONDS);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return clients.length;
    }

    @Override
    public void meter(StepMeter m) {
        this.meter = m;
    }

    @Override
    public long lastFrameNanos() {
        return lastFrameNanos;
    }

    /** Length of the last text frame after the hello frames. */
    @Override
    public int lastTextLength() {
        return lastTextLength;
    }

    long frames() {
        return frames.sum();
    }

    @Override
    public int closedByServer() {
        return closedByServer.get();
    }

    @Override
    public int reconnects() {
        return reconnects.get();
    }

    @Override
    public boolean isOpen(int i) {
        return clients[i].open;
    }

    /** Connects every client that is not open, {@code parallel} handshakes at a time; waits for their hello frames. */
    @Override
    public int connectMissing(int parallel, Duration timeout) throws InterruptedException {
        Semaphore permits = new Semaphore(parallel);
        List<Client> started = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Client c : clients) {
            if (c.open) {
                continue;
            }
            if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            started.add(c);
            c.connect().whenComplete((ws, e) -> {
                if (e != null) {
                    c.failure = e.toString();
                    c.helloSeen.complete(false);
                }
                permits.release();
            });
        }
        int ok = 0;
        for (Client c : started) {
            try {
                if (c.helloSeen.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    ok++;
                }
            } catch (Exception e) {
                c.failure = "no hello within " + timeout;
            }
        }
        return ok;
    }

    /** First failure reasons, for the log. */
    @Override
    public String failures() {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (Client c : clients) {
            if (!c.open && c.failure != null && n++ < 3) {
                sb.append(c.failure).append("; ");
            }
        }
        return sb.toString();
    }

    /** Reconnects clients the server closed; returns how many were reconnected. */
    @Override
    public int reconnectClosed() throws InterruptedException {
        int closed = clients.length - openCount();
        if (closed == 0) {
            return 0;
        }
        int ok = connectMissing(32, Duration.ofSeconds(30));
        reconnects.addAndGet(ok);
        Thread.sleep(500); // let the server finish subscribing them
        return ok;
    }

    private void pingAll() {
        for (Client c : clients) {
            WebSocket ws = c.ws;
            if (c.open && ws != null) {
                try {
                    ws.sendPing(ByteBuffer.allocate(0));
                } catch (RuntimeException e) {
                    // closed meanwhile
                }
            }
        }
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        for (Client c : clients) {
            c.open = false;
            WebSocket ws = c.ws;
            if (ws != null) {
                ws.abort();
            }
        }
        client.shutdownNow();
        try {
            client.awaitTermination(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Client implements WebSocket.Listener {
        private final int index;
        private volatile WebSocket ws;
        private volatile boolean open;
        private volatile boolean helloDone;
        private volatile CompletableFuture<Boolean> helloSeen = new CompletableFuture<>();
        private volatile String failure;
        private StringBuilder partial;

        Client(int index) {
            this.index = index;
        }

        CompletableFuture<WebSocket> connect() {
            helloSeen = new CompletableFuture<>();
            helloDone = false;
            partial = null;
            Spec spec = specs.get(index);
            WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
            if (spec.token() != null) {
                builder.header("Authorization", "Bearer " + spec.token());
            }
            return builder.buildAsync(spec.uri(), this);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            open = true;
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            if (!last) {
                if (partial == null) {
                    partial = new StringBuilder();
                }
                partial.append(data);
                return null;
            }
            CharSequence text = data;
            if (partial != null) {
                text = partial.append(data);
                partial = null;
            }
            frames.increment();
            lastFrameNanos = now;
            if (!helloDone) {
                helloDone = true;
                helloSeen.complete(true);
                return null;
            }
            lastTextLength = text.length();
            StepMeter m = meter;
            if (m != null) {
                m.onFrame(text, now);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (open) {
                closedByServer.incrementAndGet();
                failure = "closed by server: " + statusCode + " " + reason;
            }
            open = false;
            helloSeen.complete(false);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (open) {
                closedByServer.incrementAndGet();
            }
            failure = error.toString();
            open = false;
            helloSeen.complete(false);
        }
    }
}
