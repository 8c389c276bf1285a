/**
 * ChirpChat's HTTP and WebSocket adapter on Helidon SE: REST routes, problem+json errors, JWT access tokens,
 * Argon2id password hashing and the {@code /ws} event stream. Only {@code bootstrap} sees its API.
 */
module com.chirpchat.adapters.http {
    requires transitive com.chirpchat.application;
    requires transitive io.helidon.config;
    requires transitive io.helidon.webserver;
    requires transitive io.helidon.webserver.websocket;
    requires com.chirpchat.wire;
    requires io.helidon.http;
    requires io.helidon.websocket;
    requires io.helidon.common;
    requires io.helidon.common.buffers;
    requires io.helidon.security.jwt;
    requires jakarta.json;
    requires password4j;
    // password4j (an automatic module) logs through SLF4J but cannot say so: make sure it is resolved
    requires org.slf4j;

    exports com.chirpchat.adapters.http to com.chirpchat.bootstrap;
    exports com.chirpchat.adapters.http.security to com.chirpchat.bootstrap;
}
