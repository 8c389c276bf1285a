package com.chirpchat.bootstrap.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.chirpchat.bootstrap.ChirpChatServer;

/**
 * Several real ChirpChat instances sharing one PostgreSQL database, one Redis and one signing key: to clients they
 * must behave as one server.
 */
public final class Cluster implements AutoCloseable {
    private final String pgUrl;
    private final String redisUrl;
    private final String runId = "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String secret = Base64.getEncoder().encodeToString(("cluster-secret-" + runId + "-0123456789abcdef").getBytes());
    private final List<ChirpChatServer> servers = new ArrayList<>();

    public Cluster(String redisUrl) {
        this.redisUrl = redisUrl;
        this.pgUrl = Postgres.createDatabase();
    }

    /** Starts another instance. */
    public ChirpChatServer start() {
        return start(Map.of());
    }

    /** Starts another instance with {@code extra} settings over the cluster's. */
    public ChirpChatServer start(Map<String, String> extra) {
        Map<String, String> settings = TestServer.defaults(TestServer.tempDir("chirp-cluster"));
        settings.put("chirpchat.db.url", pgUrl);
        settings.put("chirpchat.db.username", Postgres.USER);
        settings.put("chirpchat.redis.url", redisUrl);
        settings.put("chirpchat.redis.channel-prefix", runId);
        settings.put("chirpchat.redis.instance-id", runId + "-" + servers.size());
        settings.put("chirpchat.auth.jwt-secret", secret);
        settings.putAll(extra);
        ChirpChatServer server = TestServer.start(settings);
        servers.add(server);
        return server;
    }

    public Api api(int instance) {
        return new Api(servers.get(instance).baseUri());
    }

    public ChirpChatServer server(int instance) {
        return servers.get(instance);
    }

    /** Names every Redis connection of this cluster's instances (for CLIENT KILL that spares other users of Redis). */
    public String runId() {
        return runId;
    }

    /** Waits until the socket has every event of the chat up to {@code lastSeq}, or fails with what it has. */
    public static void awaitSeq(Socket socket, String chatId, long lastSeq, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> seqs = socket.seqs(chatId);
            if (!seqs.isEmpty() && seqs.get(seqs.size() - 1) >= lastSeq) {
                return;
            }
            sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("chat " + chatId + ": expected events up to " + lastSeq + " but got " + socket.seqs(chatId));
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (ChirpChatServer server : servers) {
            try {
                server.close();
            } catch (RuntimeException e) {
                // keep closing the others
            }
        }
        Postgres.dropDatabase(pgUrl);
    }
}
