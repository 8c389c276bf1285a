package com.chirpchat.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Idle connections: as many authenticated, subscribed, idle WebSockets to one ChirpChat instance as the open-file
 * limit allows, held by {@link RawWebSocket}s; resident memory and live heap after a full GC at 0 and at N
 * connections, per connection = delta / N.
 */
final class IdleBench {
    private static final Pattern GAUGE = Pattern.compile(
            "^chirpchat_websocket_connections(?:\\{[^}]*\\})?\\s+([0-9.eE+]+)", Pattern.MULTILINE);

    private IdleBench() {
    }

    static ObjectNode run(Plan plan, Proc server, List<ChirpApi.User> users, Budget budget) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        int target = users.size() * plan.idleConnectionsPerUser();
        result.put("target", target).put("users", users.size()).put("connectionsPerUser", plan.idleConnectionsPerUser())
                .put("chatSize", plan.smallChatSize());
        List<RawWebSocket> held = Collections.synchronizedList(new ArrayList<>());
        try {
            // warm the upgrade path (class loading, JIT) so the baseline is not charged to the connections
            for (int i = 0; i < 50; i++) {
                RawWebSocket.open("127.0.0.1", server.port, "/ws", users.get(i % users.size()).token(), 10_000).close();
            }
            Thread.sleep(3000);
            long heap0 = server.liveHeapKibAfterGc();
            Thread.sleep(1000);
            long rss0 = server.rssKib();
            long fds0 = server.openFiles();
            Log.info(String.format("idle: baseline live heap %d KiB, RSS %d KiB, %d open files", heap0, rss0, fds0));
            result.put("heapKibAt0", heap0).put("rssKibAt0", rss0).put("serverOpenFilesAt0", fds0);

            long start = System.nanoTime();
            long bound = start + (long) Math.min(plan.idleConnectSeconds(), Math.max(10, budget.remainingSeconds() - 60)) * 1_000_000_000L;
            AtomicInteger next = new AtomicInteger();
            AtomicInteger consecutiveFailures = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            AtomicReference<String> stopReason = new AtomicReference<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < 16; w++) {
                    pool.submit(() -> {
                        while (stopReason.get() == null) {
                            int i = next.getAndIncrement();
                            if (i >= target) {
                                return;
                            }
                            if (System.nanoTime() > bound) {
                                stopReason.compareAndSet(null, "time bound of the connect phase reached");
                                return;
                            }
                            ChirpApi.User user = users.get(i % users.size());
                            try {
                                held.add(RawWebSocket.open("127.0.0.1", server.port, "/ws", user.token(), 10_000));
                                consecutiveFailures.set(0);
                            } catch (IOException | RuntimeException e) {
                                failures.incrementAndGet();
                                if (consecutiveFailures.incrementAndGet() >= 50) {
                                    stopReason.compareAndSet(null, "50 connection attempts failed in a row, last: " + e);
                                }
                            }
                            if (!server.alive()) {
                                stopReason.compareAndSet(null, "server process exited");
                            }
                        }
                    });
                }
            }
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            int reached = held.size();
            Log.info(String.format("idle: %d/%d connections open after %.1f s (%d failed attempts)%s", reached, target,
                                   connectSeconds, failures.get(),
                                   stopReason.get() == null ? "" : "; stopped: " + stopReason.get()));
            // keep them alive past the server's idle timeout, then measure
            for (RawWebSocket ws : List.copyOf(held)) {
                try {
                    ws.ping();
                } catch (IOException e) {
                    // counted below through the server's gauge
                }
            }
            Thread.sleep(3000);
            long heapN = server.liveHeapKibAfterGc();
            Thread.sleep(1000);
            long rssN = server.rssKib();
            long fdsN = server.openFiles();
            double serverSide = gauge(server.port);
            // what the server spends while they all sit idle (timers, sweeps, pings): a cost every instance pays
            double cpu0 = server.cpuSeconds();
            long idle0 = System.nanoTime();
            Thread.sleep(plan.quick() ? 5000 : 10000);
            double idleCores = (server.cpuSeconds() - cpu0) / ((System.nanoTime() - idle0) / 1e9);
            int n = reached;
            result.put("reached", n).put("serverReportedConnections", serverSide).put("failedAttempts", failures.get())
                    .put("connectSeconds", Stats.round(connectSeconds))
                    .put("stopReason", stopReason.get() == null ? (n >= target ? "reached the target" : "unknown")
                            : stopReason.get())
                    .put("heapKibAtN", heapN).put("rssKibAtN", rssN).put("serverOpenFilesAtN", fdsN)
                    .put("idleServerCores", Stats.round(idleCores))
                    .put("heapKibPerConnection", n == 0 ? Double.NaN : Stats.round((heapN - heap0) / (double) n))
                    .put("rssKibPerConnection", n == 0 ? Double.NaN : Stats.round((rssN - rss0) / (double) n));
            Log.info(String.format("idle: N=%d (server says %.0f): live heap %d KiB → %.2f KiB/conn, RSS %d KiB → %.2f KiB/conn, server open files %d, server CPU while idle %.3f cores",
                                   n, serverSide, heapN, (heapN - heap0) / (double) Math.max(1, n), rssN,
                                   (rssN - rss0) / (double) Math.max(1, n), fdsN, idleCores));
            return result;
        } finally {
            for (RawWebSocket ws : List.copyOf(held)) {
                ws.close();
            }
        }
    }

    /** The server's own count of open WebSockets (its Prometheus gauge). */
    static double gauge(int port) {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/metrics"))
                                                         .header("Accept", "text/plain").timeout(Duration.ofSeconds(20)).build(),
                                                 HttpResponse.BodyHandlers.ofString());
            Matcher m = GAUGE.matcher(r.body());
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    static void sleep(long ms) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(ms);
    }
}
