package com.chirpchat.bootstrap.reliability;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.chirpchat.bootstrap.ChirpChatServer;
import com.chirpchat.bootstrap.support.Api;
import com.chirpchat.bootstrap.support.Postgres;
import com.chirpchat.bootstrap.support.Redis;
import com.chirpchat.bootstrap.support.TestServer;

/**
 * The fault suite's cluster: real instances in this JVM sharing one fresh PostgreSQL database and a Redis the test
 * owns (its own {@code redis-server} on a free loopback port, stopped and started at will). Every instance reaches
 * PostgreSQL and Redis through {@link TcpProxy TcpProxies} of its own, so a test can cut or freeze one instance's
 * connections without touching the others'. All of it on 127.0.0.1.
 */
public final class Fleet implements AutoCloseable {
    private static final int POSTGRES_PORT = 5432;

    private final String runId = "rel" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String secret = Base64.getEncoder().encodeToString(("fleet-secret-" + runId + "-0123456789abcdef").getBytes());
    private final Path redisDir = TestServer.tempDir("chirp-fleet-redis");
    private final String database;
    private final Map<String, String> extra;
    private final List<ChirpChatServer> servers = new ArrayList<>();
    private final List<TcpProxy> proxies = new ArrayList<>();
    private final List<TcpProxy> redisLinks = new ArrayList<>();
    private Redis redis;
    private final int redisPort;

    private Fleet(Map<String, String> extra) {
        this.extra = extra;
        this.redis = Redis.startPrivate(redisDir);
        this.redisPort = redis.port();
        String url = Postgres.createDatabase();
        this.database = url.substring(url.lastIndexOf('/') + 1);
    }

    /** {@code instances} instances with the given settings on top of the test defaults. */
    public static Fleet start(int instances, Map<String, String> settings) {
        Fleet fleet = new Fleet(settings);
        try {
            for (int i = 0; i < instances; i++) {
                fleet.startInstance();
            }
            return fleet;
        } catch (RuntimeException | Error e) {
            fleet.close();
            throw e;
        }
    }

    /** Starts one more instance, with the fleet's settings; returns its index. */
    public int add() {
        startInstance();
        return servers.size() - 1;
    }

    private void startInstance() {
        int index = servers.size();
        TcpProxy proxy = TcpProxy.start(POSTGRES_PORT);
        proxies.add(proxy);
        TcpProxy redisLink = TcpProxy.start(redisPort);
        redisLinks.add(redisLink);
        Map<String, String> settings = TestServer.defaults(TestServer.tempDir("chirp-fleet"));
        settings.put("chirpchat.db.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database
                + "?ApplicationName=" + instanceName(index));
        settings.put("chirpchat.db.username", Postgres.USER);
        settings.put("chirpchat.redis.url", "redis://127.0.0.1:" + redisLink.port() + "/0");
        settings.put("chirpchat.redis.channel-prefix", runId);
        settings.put("chirpchat.redis.instance-id", instanceName(index));
        settings.put("chirpchat.auth.jwt-secret", secret);
        settings.putAll(extra);
        servers.add(TestServer.start(settings));
    }

    /** The name instance {@code i} gives its database sessions ({@code application_name}) and Redis connections. */
    public String instanceName(int i) {
        return runId + "-" + i;
    }

    public int size() {
        return servers.size();
    }

    public Api api(int instance) {
        return new Api(servers.get(instance).baseUri());
    }

    public URI uri(int instance) {
        return servers.get(instance).baseUri();
    }

    /** Instance {@code i}'s way to the database. */
    public TcpProxy database(int instance) {
        return proxies.get(instance);
    }

    /** Instance {@code i}'s way to Redis. */
    public TcpProxy redisLink(int instance) {
        return redisLinks.get(instance);
    }

    /** A connection straight to the fleet's database (not through any instance's proxy), for the test's own SQL. */
    public Connection sql() throws SQLException {
        return DriverManager.getConnection(Postgres.BASE_URL + database, Postgres.USER, "");
    }

    /** Redis dies (SIGKILL: no goodbye to its clients). */
    public void killRedis() {
        redis.stop();
    }

    /** Redis comes back on the same port, empty, as a restarted server would. */
    public void startRedis() {
        redis = Redis.startPrivate(redisDir, redisPort);
    }

    public Redis redis() {
        return redis;
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
        proxies.forEach(TcpProxy::close);
        redisLinks.forEach(TcpProxy::close);
        redis.stop();
        Postgres.dropDatabase(Postgres.BASE_URL + database);
    }

    /** Settings to start with: a map to add to. */
    public static Map<String, String> settings(String... keyValues) {
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return settings;
    }
}
