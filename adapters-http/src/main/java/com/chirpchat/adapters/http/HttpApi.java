package com.chirpchat.adapters.http;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.chirpchat.adapters.http.account.AccountRoutes;
import com.chirpchat.adapters.http.account.SessionRoutes;
import com.chirpchat.adapters.http.chat.ChatRoutes;
import com.chirpchat.adapters.http.event.EventRoutes;
import com.chirpchat.adapters.http.media.MediaRoutes;
import com.chirpchat.adapters.http.message.MessageRoutes;
import com.chirpchat.adapters.http.web.ApiFilter;
import com.chirpchat.adapters.http.web.ClientAddresses;
import com.chirpchat.adapters.http.web.Cors;
import com.chirpchat.adapters.http.web.Endpoints;
import com.chirpchat.adapters.http.web.ErrorHandling;
import com.chirpchat.adapters.http.web.JsonBodies;
import com.chirpchat.adapters.http.web.MetricsGuard;
import com.chirpchat.adapters.http.web.OriginPolicy;
import com.chirpchat.adapters.http.web.ProblemDirectHandler;
import com.chirpchat.adapters.http.web.RouteGroup;
import com.chirpchat.adapters.http.ws.SocketHub;
import com.chirpchat.adapters.http.ws.WsHttpFallback;
import com.chirpchat.adapters.http.ws.WsSettings;
import com.chirpchat.application.account.AuthenticateUseCase;

import io.helidon.config.Config;
import io.helidon.http.DirectHandler;
import io.helidon.http.Method;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;

/**
 * ChirpChat's public API over HTTP and WebSocket, ready to be put on a Helidon WebServer:
 * <pre>{@code
 * HttpApi api = HttpApi.create(new ApiUseCases(register, logIn, ...), config.get("chirpchat"));
 * WebServer.builder()
 *         .maxPayloadSize(api.maxPayloadSize())
 *         .directHandlers(api.directHandlers())
 *         .addProtocol(api.webSocketProtocol())
 *         .routing(api::routing)
 *         .addRouting(WsRouting.builder().update(api::webSocket))
 *         ...
 * }</pre>
 * The configuration node given to {@link #create(ApiUseCases, Config)} has children {@code ws}, {@code cors},
 * {@code http} and {@code observe.metrics-token}; the keys and defaults are listed in this module's README.
 */
public final class HttpApi implements AutoCloseable {
    /**
     * Paths that need no access token. Everything else does, including routes added later, unless listed here.
     * A trailing {@code /} makes a prefix; otherwise the path and what lies below it.
     */
    static final List<String> PUBLIC_PATHS = List.of("/auth/", "/observe", "/openapi", "/webhooks/", "/ws");

    private final List<RouteGroup> groups;
    private final AuthenticateUseCase authenticate;
    private final Cors cors;
    private final JsonBodies bodies;
    private final WsSettings wsSettings;
    private final SocketHub sockets;
    private final MetricsGuard metricsGuard;

    private HttpApi(ApiUseCases uses, Settings settings) {
        this.authenticate = uses.authenticate();
        this.cors = new Cors(settings.origins(), settings.corsEnabled(), settings.corsMaxAge());
        this.bodies = new JsonBodies(settings.maxBodyBytes());
        this.wsSettings = settings.ws();
        ClientAddresses clientAddresses = ClientAddresses.trusting(settings.trustedProxies());
        this.groups = List.of(
                new AccountRoutes(uses.register(), uses.logIn(), uses.viewUsers(), bodies, clientAddresses),
                new SessionRoutes(uses.refresh(), uses.logOut(), uses.authenticate(), bodies),
                new ChatRoutes(uses.createChat(), uses.viewChats(), uses.addMember(), uses.removeMember(),
                               uses.changeRole(), bodies),
                new MessageRoutes(uses.postMessage(), uses.listMessages(), uses.deleteMessage(), bodies),
                new EventRoutes(uses.listEvents()),
                new MediaRoutes(uses.requestUpload(), uses.mediaNotifications(), uses.viewMedia(),
                               uses.reportUploadFailure(), bodies));
        this.metricsGuard = new MetricsGuard(settings.metricsToken());
        this.sockets = new SocketHub(wsSettings, settings.origins(), uses.authenticate(), uses.subscriptions());
    }

    /**
     * The API over {@code uses}, configured by the {@code chirpchat} node (its {@code ws}, {@code cors} and
     * {@code http} children; every key has a default).
     *
     * @throws IllegalStateException when a setting is out of range
     */
    public static HttpApi create(ApiUseCases uses, Config config) {
        return new HttpApi(Objects.requireNonNull(uses, "uses"), Settings.from(Objects.requireNonNull(config, "config")));
    }

    /** The API over {@code uses} with every setting at its default. */
    public static HttpApi create(ApiUseCases uses) {
        return create(uses, Config.empty());
    }

    /** Adds the REST routes, the CORS/auth filter, the error handlers (problem+json) and 404/405 answers. */
    public void routing(HttpRouting.Builder routing) {
        routing.addFilter(metricsGuard);
        routing.addFilter(new ApiFilter(cors, authenticate, PUBLIC_PATHS));
        routing.error(Throwable.class, new ErrorHandling(cors));
        addEndpoints(new Endpoints(routing)).finish();
    }

    /**
     * Prepares the routing of a management listener (one serving only {@code /observe/metrics}): the metrics token
     * when one is configured, and problem+json for errors and unknown paths.
     */
    public void managementRouting(HttpRouting.Builder routing) {
        routing.addFilter(metricsGuard);
        routing.error(Throwable.class, new ErrorHandling(cors));
    }

    /** Every route of the API by path, with its methods (what the OpenAPI document must describe). */
    Map<String, Set<String>> routes() {
        Map<String, Set<String>> routes = new LinkedHashMap<>();
        addEndpoints(new Endpoints(HttpRouting.builder())).routes()
                .forEach((path, methods) -> routes.put(path, methods.stream().map(Method::text).collect(Collectors.toSet())));
        return routes;
    }

    private Endpoints addEndpoints(Endpoints endpoints) {
        groups.forEach(group -> group.addTo(endpoints));
        endpoints.get("/ws", new WsHttpFallback(sockets));
        return endpoints;
    }

    /** Adds the {@code /ws} endpoint. */
    public void webSocket(WsRouting.Builder ws) {
        ws.endpoint("/ws", sockets::newSocket);
    }

    /**
     * Handlers that answer the errors the server raises outside routing (a malformed request, a body over
     * {@link #maxPayloadSize()}, headers too large, ...) with problem+json; set them on the WebServer builder.
     */
    public DirectHandlers directHandlers() {
        ProblemDirectHandler handler = new ProblemDirectHandler(cors);
        DirectHandlers.Builder builder = DirectHandlers.builder();
        Arrays.stream(DirectHandler.EventType.values()).forEach(type -> builder.addHandler(type, handler));
        return builder.build();
    }

    /** The WebSocket protocol settings for the WebServer: frames larger than a whole message are refused early. */
    public WsConfig webSocketProtocol() {
        return WsConfig.builder().maxFrameLength(wsSettings.maxMessageBytes()).build();
    }

    /** The largest request body the API reads; give it to the WebServer's {@code maxPayloadSize} too. */
    public long maxPayloadSize() {
        return bodies.maxBytes();
    }

    /** Open WebSocket connections (for metrics). */
    public int webSocketConnections() {
        return sockets.connections();
    }

    /** Closes every WebSocket (1001), dropping those that do not answer within the close timeout. */
    @Override
    public void close() {
        sockets.close();
    }

    private record Settings(OriginPolicy origins, boolean corsEnabled, Duration corsMaxAge, int maxBodyBytes,
                            WsSettings ws, Optional<String> metricsToken, List<String> trustedProxies) {
        static Settings from(Config config) {
            int maxBody = config.get("http.max-body-bytes").asInt().orElse(64 * 1024);
            Optional<String> metricsToken = config.get("observe.metrics-token").asString().map(String::strip)
                    .filter(t -> !t.isEmpty());
            if (metricsToken.filter(t -> t.length() < 16).isPresent()) {
                throw new IllegalStateException("chirpchat.observe.metrics-token must be at least 16 characters");
            }
            if (maxBody < 1024) {
                throw new IllegalStateException("chirpchat.http.max-body-bytes must be at least 1024");
            }
            return new Settings(OriginPolicy.create(list(config.get("ws.allowed-origins"))),
                                config.get("cors.enabled").asBoolean().orElse(true),
                                config.get("cors.max-age").as(Duration.class).orElse(Duration.ofMinutes(10)),
                                maxBody,
                                WsSettings.from(config.get("ws")),
                                metricsToken,
                                list(config.get("http.trusted-proxies")));
        }

        /** A YAML list, or one comma-separated string (handy in environment variables). */
        private static List<String> list(Config node) {
            if (node.isLeaf()) {
                return node.asString().map(value -> Arrays.stream(value.split(",")).map(String::strip)
                        .filter(v -> !v.isEmpty()).toList()).orElse(List.of());
            }
            return node.asList(String.class).orElse(List.of());
        }
    }
}
