package com.chirpchat.adapters.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.chirpchat.adapters.http.account.AccountRoutes;
import com.chirpchat.adapters.http.chat.ChatRoutes;
import com.chirpchat.adapters.http.event.EventRoutes;
import com.chirpchat.adapters.http.media.MediaRoutes;
import com.chirpchat.adapters.http.message.MessageRoutes;
import com.chirpchat.adapters.http.web.ApiFilter;
import com.chirpchat.adapters.http.web.Cors;
import com.chirpchat.adapters.http.web.Endpoints;
import com.chirpchat.adapters.http.web.ErrorHandling;
import com.chirpchat.adapters.http.web.JsonBodies;
import com.chirpchat.adapters.http.web.OriginPolicy;
import com.chirpchat.adapters.http.web.ProblemDirectHandler;
import com.chirpchat.adapters.http.web.RouteGroup;
import com.chirpchat.adapters.http.ws.SocketHub;
import com.chirpchat.adapters.http.ws.WsHttpFallback;
import com.chirpchat.adapters.http.ws.WsSettings;
import com.chirpchat.application.account.AuthenticateUseCase;
import com.chirpchat.application.account.LogInUseCase;
import com.chirpchat.application.account.RegisterUserUseCase;
import com.chirpchat.application.account.ViewUsersUseCase;
import com.chirpchat.application.chat.AddMemberUseCase;
import com.chirpchat.application.chat.CreateChatUseCase;
import com.chirpchat.application.chat.RemoveMemberUseCase;
import com.chirpchat.application.chat.ViewChatsUseCase;
import com.chirpchat.application.event.ListChatEventsUseCase;
import com.chirpchat.application.event.SubscribeToChatEventsUseCase;
import com.chirpchat.application.media.HandleMediaNotificationUseCase;
import com.chirpchat.application.media.RequestUploadUseCase;
import com.chirpchat.application.media.ViewMediaUseCase;
import com.chirpchat.application.message.DeleteMessageUseCase;
import com.chirpchat.application.message.ListMessagesUseCase;
import com.chirpchat.application.message.PostMessageUseCase;

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
 * HttpApi api = HttpApi.builder().register(...)...subscriptions(...).requestUpload(...).mediaNotifications(...)
 *         .viewMedia(...).config(config.get("chirpchat")).build();
 * WebServer.builder()
 *         .maxPayloadSize(api.maxPayloadSize())
 *         .directHandlers(api.directHandlers())
 *         .addProtocol(api.webSocketProtocol())
 *         .routing(api::routing)
 *         .addRouting(WsRouting.builder().update(api::webSocket))
 *         ...
 * }</pre>
 * The configuration node given to {@link Builder#config} has children {@code ws}, {@code cors} and {@code http};
 * the keys and defaults are listed in this module's README.
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

    private HttpApi(Builder builder, Settings settings) {
        this.authenticate = builder.authenticate;
        this.cors = new Cors(settings.origins(), settings.corsEnabled(), settings.corsMaxAge());
        this.bodies = new JsonBodies(settings.maxBodyBytes());
        this.wsSettings = settings.ws();
        this.groups = List.of(
                new AccountRoutes(builder.register, builder.logIn, builder.viewUsers, bodies),
                new ChatRoutes(builder.createChat, builder.viewChats, builder.addMember, builder.removeMember, bodies),
                new MessageRoutes(builder.postMessage, builder.listMessages, builder.deleteMessage, bodies),
                new EventRoutes(builder.listEvents),
                new MediaRoutes(builder.requestUpload, builder.mediaNotifications, builder.viewMedia, bodies));
        this.sockets = new SocketHub(wsSettings, settings.origins(), builder.authenticate, builder.subscriptions);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Adds the REST routes, the CORS/auth filter, the error handlers (problem+json) and 404/405 answers. */
    public void routing(HttpRouting.Builder routing) {
        routing.addFilter(new ApiFilter(cors, authenticate, PUBLIC_PATHS));
        routing.error(Throwable.class, new ErrorHandling(cors));
        addEndpoints(new Endpoints(routing)).finish();
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
                            WsSettings ws) {
        static Settings from(Config config) {
            int maxBody = config.get("http.max-body-bytes").asInt().orElse(64 * 1024);
            if (maxBody < 1024) {
                throw new IllegalStateException("chirpchat.http.max-body-bytes must be at least 1024");
            }
            return new Settings(OriginPolicy.create(list(config.get("ws.allowed-origins"))),
                                config.get("cors.enabled").asBoolean().orElse(true),
                                config.get("cors.max-age").as(Duration.class).orElse(Duration.ofMinutes(10)),
                                maxBody,
                                WsSettings.from(config.get("ws")));
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

    /** Fluent builder: every use case is required; {@link #config} is optional (defaults apply). */
    public static final class Builder implements io.helidon.common.Builder<Builder, HttpApi> {
        private RegisterUserUseCase register;
        private LogInUseCase logIn;
        private AuthenticateUseCase authenticate;
        private ViewUsersUseCase viewUsers;
        private CreateChatUseCase createChat;
        private ViewChatsUseCase viewChats;
        private AddMemberUseCase addMember;
        private RemoveMemberUseCase removeMember;
        private PostMessageUseCase postMessage;
        private ListMessagesUseCase listMessages;
        private DeleteMessageUseCase deleteMessage;
        private ListChatEventsUseCase listEvents;
        private SubscribeToChatEventsUseCase subscriptions;
        private RequestUploadUseCase requestUpload;
        private HandleMediaNotificationUseCase mediaNotifications;
        private ViewMediaUseCase viewMedia;
        private Config config = Config.empty();

        private Builder() {
        }

        public Builder register(RegisterUserUseCase register) {
            this.register = Objects.requireNonNull(register);
            return this;
        }

        public Builder logIn(LogInUseCase logIn) {
            this.logIn = Objects.requireNonNull(logIn);
            return this;
        }

        public Builder authenticate(AuthenticateUseCase authenticate) {
            this.authenticate = Objects.requireNonNull(authenticate);
            return this;
        }

        public Builder viewUsers(ViewUsersUseCase viewUsers) {
            this.viewUsers = Objects.requireNonNull(viewUsers);
            return this;
        }

        public Builder createChat(CreateChatUseCase createChat) {
            this.createChat = Objects.requireNonNull(createChat);
            return this;
        }

        public Builder viewChats(ViewChatsUseCase viewChats) {
            this.viewChats = Objects.requireNonNull(viewChats);
            return this;
        }

        public Builder addMember(AddMemberUseCase addMember) {
            this.addMember = Objects.requireNonNull(addMember);
            return this;
        }

        public Builder removeMember(RemoveMemberUseCase removeMember) {
            this.removeMember = Objects.requireNonNull(removeMember);
            return this;
        }

        public Builder postMessage(PostMessageUseCase postMessage) {
            this.postMessage = Objects.requireNonNull(postMessage);
            return this;
        }

        public Builder listMessages(ListMessagesUseCase listMessages) {
            this.listMessages = Objects.requireNonNull(listMessages);
            return this;
        }

        public Builder deleteMessage(DeleteMessageUseCase deleteMessage) {
            this.deleteMessage = Objects.requireNonNull(deleteMessage);
            return this;
        }

        public Builder listEvents(ListChatEventsUseCase listEvents) {
            this.listEvents = Objects.requireNonNull(listEvents);
            return this;
        }

        public Builder subscriptions(SubscribeToChatEventsUseCase subscriptions) {
            this.subscriptions = Objects.requireNonNull(subscriptions);
            return this;
        }

        /** {@code POST /uploads/get-cloudinary-upload-signature}. */
        public Builder requestUpload(RequestUploadUseCase requestUpload) {
            this.requestUpload = Objects.requireNonNull(requestUpload);
            return this;
        }

        /** {@code POST /webhooks/cloudinary/media-processed} (verification of the notification happens there). */
        public Builder mediaNotifications(HandleMediaNotificationUseCase mediaNotifications) {
            this.mediaNotifications = Objects.requireNonNull(mediaNotifications);
            return this;
        }

        /** {@code GET /media/{messageId}}. */
        public Builder viewMedia(ViewMediaUseCase viewMedia) {
            this.viewMedia = Objects.requireNonNull(viewMedia);
            return this;
        }

        /** The {@code chirpchat} configuration node (its {@code ws}, {@code cors} and {@code http} children). */
        public Builder config(Config config) {
            this.config = Objects.requireNonNull(config);
            return this;
        }

        @Override
        public HttpApi build() {
            List<String> missing = new ArrayList<>();
            check(missing, register, "register");
            check(missing, logIn, "logIn");
            check(missing, authenticate, "authenticate");
            check(missing, viewUsers, "viewUsers");
            check(missing, createChat, "createChat");
            check(missing, viewChats, "viewChats");
            check(missing, addMember, "addMember");
            check(missing, removeMember, "removeMember");
            check(missing, postMessage, "postMessage");
            check(missing, listMessages, "listMessages");
            check(missing, deleteMessage, "deleteMessage");
            check(missing, listEvents, "listEvents");
            check(missing, subscriptions, "subscriptions");
            check(missing, requestUpload, "requestUpload");
            check(missing, mediaNotifications, "mediaNotifications");
            check(missing, viewMedia, "viewMedia");
            if (!missing.isEmpty()) {
                throw new IllegalStateException("HttpApi needs " + String.join(", ", missing));
            }
            return new HttpApi(this, Settings.from(config));
        }

        private static void check(List<String> missing, Object value, String name) {
            if (value == null) {
                missing.add(name);
            }
        }
    }
}
