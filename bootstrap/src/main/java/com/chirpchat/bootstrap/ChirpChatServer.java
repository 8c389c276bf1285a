package com.chirpchat.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.chirpchat.adapters.http.ApiUseCases;
import com.chirpchat.adapters.http.HttpApi;
import com.chirpchat.adapters.http.security.Argon2PasswordHasher;
import com.chirpchat.adapters.http.security.JwtAccessTokens;
import com.chirpchat.adapters.persistence.Persistence;
import com.chirpchat.application.event.CommitWatch;
import com.chirpchat.application.event.TaskScheduler;
import com.chirpchat.bootstrap.webclient.WebAssets;
import com.chirpchat.bootstrap.webclient.WebClientFilter;

import io.helidon.config.Config;
import io.helidon.dbclient.health.DbClientHealthCheck;
import io.helidon.openapi.OpenApiFeature;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
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
    /** The listener of the metrics when they have a port of their own. */
    private static final String MANAGEMENT = "management";

    private final WebServer server;
    private final List<AutoCloseable> resources;
    private final MediaWiring.Media media;

    private ChirpChatServer(WebServer server, List<AutoCloseable> resources, MediaWiring.Media media) {
        this.server = server;
        this.resources = resources;
        this.media = media;
    }

    public static ChirpChatServer start(Config config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * @param time what "now" is for the whole instance, the local media service included (tests move it to let
     *             tokens and URLs expire without waiting)
     */
    public static ChirpChatServer start(Config config, Clock time) {
        int configured = config.get("server.port").asInt().orElse(8080);
        for (int attempt = 1; ; attempt++) {
            try {
                return startOn(config, time, configured != 0 ? configured : freePort());
            } catch (PortTaken e) {
                // port 0: the port is chosen before listening (the webhook URL names it), and another socket (this
                // instance's own local media service, on an ephemeral port, included) may take it meanwhile
                if (configured != 0 || attempt == 5) {
                    throw new IllegalStateException("cannot listen on port " + e.port + ": it is taken", e);
                }
                LOG.log(Level.INFO, "port " + e.port + " was taken before the server could listen on it; choosing another");
            }
        }
    }

    private static ChirpChatServer startOn(Config config, Clock time, int port) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            // milliseconds are what the API shows and what every store keeps, so the app thinks in them too
            Clock clock = Clock.tick(time, Duration.ofMillis(1));
            Path dataDir = Settings.dataDir(config);
            Files.createDirectories(dataDir);
            Config chirp = config.get("chirpchat");
            // the webhook URL handed to the media store names our port, so it must be known before we listen
            URI publicBase = Settings.text(chirp.get("public-base-url")).map(URI::create)
                    .orElse(URI.create("http://127.0.0.1:" + port));

            Persistence persistence = Persistence.create(chirp.get("db"), dataDir);
            opened.add(persistence);
            Fanouts.Fanout fanout = Fanouts.create(chirp.get("redis"));
            opened.add(fanout);
            MediaWiring.Media media = MediaWiring.create(chirp, dataDir, publicBase, clock);
            opened.add(media);
            MediaSettings mediaSettings = MediaSettings.from(chirp.get("media"));
            Limits limits = Limits.create(chirp, clock);
            opened.add(limits);
            Services services = Services.wire(persistence.store(), persistence.store().sessions(), fanout.port(),
                                              Argon2PasswordHasher.create(chirp.get("auth.argon2")),
                                              JwtAccessTokens.create(chirp.get("auth"), dataDir, clock),
                                              duration(chirp.get("auth.refresh-ttl"), Duration.ofDays(30)),
                                              media.store(), mediaSettings, limits, clock);
            // sessions ended before we started are known before the first request; then, once a poll interval,
            // what other instances ended (README: Sessions)
            services.revokedSessions().poll();
            opened.add(BackgroundLoop.start("session-revocations", () -> {
                services.revokedSessions().poll();
                return 0;
            }, duration(chirp.get("auth.revocation-poll-interval"), Duration.ofSeconds(1))));
            HttpApi api = api(services, chirp);
            opened.add(api::close);
            opened.add(BackgroundLoop.start("media-deletions", services.deletionWorker()::runOnce, mediaSettings.deletionPollInterval()));
            opened.add(BackgroundLoop.start("session-housekeeping", () -> {
                services.sessions().forgetEnded();
                return 0;
            }, mediaSettings.housekeepingInterval()));
            opened.add(BackgroundLoop.start("media-housekeeping", services.housekeeping()::runOnce, mediaSettings.housekeepingInterval()));
            // the net under the fanout: a committed event whose publisher died still arrives (README: Architecture)
            CommitWatch commits = CommitWatch.start(services.router(), persistence.store(), TaskScheduler.virtualThreads(),
                                                    duration(chirp.get("live.commit-check-interval"), Duration.ofSeconds(1)),
                                                    duration(chirp.get("live.commit-check-grace"), Duration.ofMillis(250)));
            opened.add(commits);
            opened.add(Gauges.register(instanceName(port), api, services.deletionWorker(), services.router(), commits,
                                       persistence.store()));

            Optional<Integer> metricsPort = chirp.get("observe.metrics-port").asInt().asOptional();
            WebServerConfig.Builder builder = WebServer.builder()
                    .config(config.get("server"))
                    .port(port)
                    .featuresDiscoverServices(false);
            observe(builder, persistence, fanout, media, metricsPort.isPresent());
            metricsPort.ifPresent(metrics -> builder
                    .putSocket(MANAGEMENT, socket -> socket.host(chirp.get("observe.metrics-host").asString().orElse("127.0.0.1"))
                            .port(metrics))
                    .routing(MANAGEMENT, api::managementRouting));
            WebServer server = builder
                    .addFeature(OpenApiFeature.builder().staticFile("META-INF/openapi.yaml").build())
                    .maxPayloadSize(api.maxPayloadSize())
                    .directHandlers(api.directHandlers())
                    .addProtocol(api.webSocketProtocol())
                    .routing(routing -> webClient(routing).update(api::routing))
                    .addRouting(WsRouting.builder().update(api::webSocket))
                    .build()
                    .start();
            if (server.port() != port) { // Helidon logs a listener that could not bind and starts anyway
                server.stop();
                throw new PortTaken(port);
            }
            LOG.log(Level.INFO, "ChirpChat listening on http://localhost:" + server.port()
                    + " (storage: " + (persistence.embedded() ? "embedded H2 in " + dataDir : "PostgreSQL")
                    + ", fanout: " + fanout.mode() + ", media: " + media.description() + ", delivery: " + media.deliveryMode() + ")");
            return new ChirpChatServer(server, opened, media);
        } catch (IOException e) {
            closeAll(opened);
            throw new UncheckedIOException("cannot prepare the data directory", e);
        } catch (RuntimeException | Error e) {
            closeAll(opened);
            throw e;
        }
    }

    private static HttpApi api(Services services, Config chirp) {
        return HttpApi.create(new ApiUseCases(services.register(), services.logIn(), services.authenticate(),
                                              services.viewUsers(), services.createChat(), services.viewChats(),
                                              services.addMember(), services.removeMember(), services.changeRole(),
                                              services.postMessage(),
                                              services.listMessages(), services.deleteMessage(), services.listEvents(),
                                              services.router(), services.requestUpload(),
                                              services.mediaNotifications(), services.viewMedia(),
                                              services.sessions(), services.sessions()),
                              chirp);
    }

    /** The web client at / (ahead of the API's filter: the page loads without a token). */
    private static HttpRouting.Builder webClient(HttpRouting.Builder routing) {
        WebAssets assets = new WebAssets(ChirpChatServer.class.getClassLoader());
        if (assets.present()) {
            routing.addFilter(new WebClientFilter(assets));
        } else {
            LOG.log(Level.WARNING, "the web client is not packaged (module com.chirpchat.web): / serves nothing");
        }
        return routing;
    }

    /**
     * Health on the API's port; the metrics there too, or, with {@code chirpchat.observe.metrics-port} set, only on
     * the management listener (bound to {@code metrics-host}, loopback by default), out of the public's reach.
     */
    private static void observe(WebServerConfig.Builder server, Persistence persistence, Fanouts.Fanout fanout,
                                MediaWiring.Media media, boolean separateMetrics) {
        HealthObserver health = HealthObserver.builder()
                .details(true)
                .useSystemServices(true)
                // its own connection: the check never queues behind business work
                .addCheck(Readiness.of(DbClientHealthCheck.builder(persistence.healthClient())
                                                .name("database")
                                                .query()
                                                .statementName(Persistence.PING_STATEMENT)
                                                .timeout(Duration.ofSeconds(2))
                                                .build()))
                .addCheck(fanout.healthCheck())
                .addCheck(media.healthCheck())
                .build();
        if (!separateMetrics) {
            server.addFeature(ObserveFeature.builder().endpoint("/observe")
                                      .addObserver(health).addObserver(MetricsObserver.create()).build());
            return;
        }
        // no discovery here: it would put the metrics observer found on the module path back on the API's port
        server.addFeature(ObserveFeature.builder().endpoint("/observe").observersDiscoverServices(false)
                                  .addObserver(health).build());
        server.addFeature(ObserveFeature.builder().name("observe-metrics").endpoint("/observe").sockets(List.of(MANAGEMENT))
                                  .observersDiscoverServices(false).addObserver(MetricsObserver.create()).build());
    }

    private static Duration duration(Config value, Duration fallback) {
        return value.as(Duration.class).orElse(fallback);
    }

    private static String instanceName(int port) {
        try {
            return java.net.InetAddress.getLocalHost().getHostName() + ":" + port;
        } catch (IOException e) {
            return "localhost:" + port;
        }
    }

    /** The configured port; for 0, a free one chosen now. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    /** The chosen port was taken by the time the server listened. */
    private static final class PortTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int port;

        PortTaken(int port) {
            super("port " + port + " is taken");
            this.port = port;
        }
    }

    public int port() {
        return server.port();
    }

    /** The local media service this instance started, when no Cloudinary URL is configured. */
    public java.util.Optional<com.chirpchat.emulator.MediaEmulator> localMediaService() {
        return media.localService();
    }

    /** The port of the metrics' own listener, when {@code chirpchat.observe.metrics-port} gave them one. */
    public Optional<Integer> metricsPort() {
        int metrics = server.port(MANAGEMENT);
        return metrics > 0 ? Optional.of(metrics) : Optional.empty();
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
