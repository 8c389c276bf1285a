package com.chirpchat.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.chirpchat.adapters.http.Argon2PasswordHasher;
import com.chirpchat.adapters.http.HttpApi;
import com.chirpchat.adapters.http.JwtAccessTokens;
import com.chirpchat.adapters.persistence.Persistence;

import io.helidon.config.Config;
import io.helidon.dbclient.health.DbClientHealthCheck;
import io.helidon.openapi.OpenApiFeature;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.websocket.WsRouting;

/**
 * One running ChirpChat instance: chooses and builds the adapters for the configuration, wires the use cases by
 * hand and serves HTTP and WebSocket on one port. Several may run in one JVM (tests start three).
 */
public final class ChirpChatServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChirpChatServer.class.getName());

    private final WebServer server;
    private final List<AutoCloseable> resources;

    private ChirpChatServer(WebServer server, List<AutoCloseable> resources) {
        this.server = server;
        this.resources = resources;
    }

    public static ChirpChatServer start(Config config) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            // milliseconds are what the API shows and what every store keeps, so the app thinks in them too
            Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
            Path dataDir = Settings.dataDir(config);
            Files.createDirectories(dataDir);
            Config chirp = config.get("chirpchat");

            Persistence persistence = Persistence.create(chirp.get("db"), dataDir);
            opened.add(persistence);
            Fanouts.Fanout fanout = Fanouts.create(chirp.get("redis"));
            opened.add(fanout);
            Services services = Services.wire(persistence.store(), fanout.port(),
                                              Argon2PasswordHasher.create(chirp.get("auth.argon2")),
                                              JwtAccessTokens.create(chirp.get("auth"), dataDir, clock),
                                              clock);
            HttpApi api = HttpApi.builder()
                    .register(services.register())
                    .logIn(services.logIn())
                    .authenticate(services.authenticate())
                    .viewUsers(services.viewUsers())
                    .createChat(services.createChat())
                    .viewChats(services.viewChats())
                    .addMember(services.addMember())
                    .removeMember(services.removeMember())
                    .postMessage(services.postMessage())
                    .listMessages(services.listMessages())
                    .deleteMessage(services.deleteMessage())
                    .listEvents(services.listEvents())
                    .subscriptions(services.router())
                    .config(chirp)
                    .build();
            opened.add(api::close);

            WebServer server = WebServer.builder()
                    .config(config.get("server"))
                    .featuresDiscoverServices(false)
                    .addFeature(observe(persistence, fanout))
                    .addFeature(OpenApiFeature.builder().staticFile("META-INF/openapi.yaml").build())
                    .maxPayloadSize(api.maxPayloadSize())
                    .directHandlers(api.directHandlers())
                    .addProtocol(api.webSocketProtocol())
                    .routing(api::routing)
                    .addRouting(WsRouting.builder().update(api::webSocket))
                    .build()
                    .start();
            LOG.log(Level.INFO, "ChirpChat listening on http://localhost:" + server.port()
                    + " (storage: " + (persistence.embedded() ? "embedded H2 in " + dataDir : "PostgreSQL")
                    + ", fanout: " + fanout.mode() + ")");
            return new ChirpChatServer(server, opened);
        } catch (IOException e) {
            closeAll(opened);
            throw new UncheckedIOException("cannot prepare the data directory", e);
        } catch (RuntimeException | Error e) {
            closeAll(opened);
            throw e;
        }
    }

    private static ObserveFeature observe(Persistence persistence, Fanouts.Fanout fanout) {
        HealthObserver health = HealthObserver.builder()
                .details(true)
                .useSystemServices(true)
                .addCheck(new Readiness(DbClientHealthCheck.builder(persistence.dbClient())
                                                .name("database")
                                                .query()
                                                .statementName(Persistence.PING_STATEMENT)
                                                .timeout(Duration.ofSeconds(2))
                                                .build()))
                .addCheck(fanout.healthCheck())
                .build();
        return ObserveFeature.builder()
                .endpoint("/observe")
                .addObserver(health)
                .addObserver(MetricsObserver.create())
                .build();
    }

    public int port() {
        return server.port();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.stop();
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + resources.get(i) + " failed", e);
            }
        }
    }
}
