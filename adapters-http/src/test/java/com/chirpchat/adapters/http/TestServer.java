package com.chirpchat.adapters.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import com.chirpchat.application.account.LogInService;
import com.chirpchat.application.account.LoginThrottle;
import com.chirpchat.application.account.ViewUsersService;
import com.chirpchat.application.event.ListChatEventsUseCase;
import com.chirpchat.application.event.LiveEventRouter;
import com.chirpchat.application.event.SubscribeToChatEventsUseCase;
import com.chirpchat.application.fakes.TestApp;
import com.chirpchat.application.media.HandleMediaNotificationUseCase;
import com.chirpchat.application.media.RequestUploadUseCase;
import com.chirpchat.application.media.ViewMediaUseCase;
import com.chirpchat.application.message.PostMessageUseCase;
import com.chirpchat.domain.user.User;
import com.chirpchat.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.websocket.WsRouting;

/**
 * A real WebServer on a loopback port with the HTTP API over the application's services wired to fakes,
 * and a JDK HttpClient to call it.
 */
final class TestServer implements AutoCloseable {
    final TestApp app = new TestApp();
    final LiveEventRouter router = LiveEventRouter.create(app.fanout, app.store, app.store, app.store);
    final HttpApi api;
    final WebServer server;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestServer() {
        this(Map.of());
    }

    /** @param settings configuration below {@code chirpchat}, e.g. {@code ws.auth-timeout -> PT0.5S} */
    TestServer(Map<String, String> settings) {
        this(settings, uses -> { });
    }

    /** @param customize replaces use cases before the API is made (e.g. with one that fails) */
    TestServer(Map<String, String> settings, Consumer<Uses> customize) {
        this(settings, (app, uses) -> customize.accept(uses));
    }

    /** @param customize replaces use cases before the API is made, with this server's application at hand */
    TestServer(Map<String, String> settings, BiConsumer<TestApp, Uses> customize) {
        Map<String, String> all = new HashMap<>();
        settings.forEach((key, value) -> all.put("chirpchat." + key, value));
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(all))
                .build()
                .get("chirpchat");
        int maxFailures = Integer.parseInt(settings.getOrDefault("test.login-max-failures", "10"));
        Uses uses = new Uses(app, router, maxFailures);
        customize.accept(app, uses);
        api = HttpApi.create(uses.all(), config);
        boolean serverLimit = Boolean.parseBoolean(settings.getOrDefault("test.server-payload-limit", "true"));
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .maxPayloadSize(serverLimit ? api.maxPayloadSize() : -1)
                .directHandlers(api.directHandlers())
                .addProtocol(api.webSocketProtocol())
                .routing(api::routing)
                .addRouting(WsRouting.builder().update(api::webSocket))
                .build()
                .start();
    }

    int port() {
        return server.port();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    URI wsUri() {
        return URI.create("ws://127.0.0.1:" + port() + "/ws");
    }

    /** The bearer token of a new session of the user (the fake token port's format). */
    String token(User user) {
        return app.token(user);
    }

    Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    Reply delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    Reply post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    Reply send(HttpRequest.Builder request) {
        try {
            return new Reply(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        api.close();
        server.stop();
        client.close();
    }

    /** The use cases the server serves: the application's, on its fakes; a test may replace some. */
    static final class Uses {
        private final TestApp app;
        private final LiveEventRouter router;
        private final LogInService logIn;
        private SubscribeToChatEventsUseCase subscriptions;
        private PostMessageUseCase postMessage;
        private ListChatEventsUseCase listEvents;
        private RequestUploadUseCase requestUpload;
        private HandleMediaNotificationUseCase mediaNotifications;
        private ViewMediaUseCase viewMedia;

        private Uses(TestApp app, LiveEventRouter router, int maxLoginFailures) {
            this.app = app;
            this.router = router;
            this.logIn = new LogInService(app.store, app.hasher, app.sessions,
                                          new LoginThrottle(new com.chirpchat.application.limits.RateLimiter(
                                                  new com.chirpchat.application.fakes.MemoryRateCounters(), app.clock),
                                                  new LoginThrottle.Settings(maxLoginFailures, 1000, Duration.ofMinutes(15))));
            this.subscriptions = router;
            this.postMessage = app.postMessage;
            this.listEvents = app.listEvents;
            this.requestUpload = app.requestUpload;
            this.mediaNotifications = app.handleNotification;
            this.viewMedia = app.viewMedia;
        }

        /** The server's own router, for a replacement to hand on to. */
        LiveEventRouter router() {
            return router;
        }

        Uses subscriptions(SubscribeToChatEventsUseCase replacement) {
            subscriptions = replacement;
            return this;
        }

        Uses postMessage(PostMessageUseCase replacement) {
            postMessage = replacement;
            return this;
        }

        Uses listEvents(ListChatEventsUseCase replacement) {
            listEvents = replacement;
            return this;
        }

        Uses requestUpload(RequestUploadUseCase replacement) {
            requestUpload = replacement;
            return this;
        }

        Uses mediaNotifications(HandleMediaNotificationUseCase replacement) {
            mediaNotifications = replacement;
            return this;
        }

        Uses viewMedia(ViewMediaUseCase replacement) {
            viewMedia = replacement;
            return this;
        }

        ApiUseCases all() {
            return new ApiUseCases(app.register, logIn, app.authenticate,
                                   new ViewUsersService(app.store), app.createChat, app.viewChats, app.addMember,
                                   app.removeMember, app.changeRole, postMessage, app.listMessages, app.deleteMessage, listEvents,
                                   subscriptions, requestUpload, mediaNotifications, viewMedia, app.sessions, app.sessions);
        }
    }

    /** A response with its body parsed as JSON when it is JSON. */
    record Reply(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        JsonNode json() {
            try {
                return Json.mapper().readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + response.body(), e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        /** The problem's {@code code}, after checking it is a well-formed problem for this status. */
        String problemCode() {
            if (!"application/problem+json".equals(contentType())) {
                throw new AssertionError("not a problem (" + status() + ", " + contentType() + "): " + response.body());
            }
            JsonNode problem = json();
            String code = problem.path("code").asText();
            if (problem.path("status").asInt() != status() || !problem.path("type").asText().equals("urn:chirpchat:problem:" + code)
                    || problem.path("title").asText().isEmpty() || !problem.path("detail").isTextual()) {
                throw new AssertionError("malformed problem: " + response.body());
            }
            return code;
        }

        @Override
        public String toString() {
            return status() + " " + response.body();
        }
    }
}
