/**
 * ChirpChat's entry point: reads configuration, chooses the adapters (embedded or production) and wires them to
 * the use cases by hand. The only module that sees more than one adapter.
 */
module com.chirpchat.bootstrap {
    requires com.chirpchat.application;
    requires com.chirpchat.adapters.http;
    requires com.chirpchat.adapters.persistence;
    requires com.chirpchat.adapters.inprocess;
    requires com.chirpchat.adapters.redis;
    requires com.chirpchat.adapters.cloudinary;
    requires com.chirpchat.emulator;
    requires com.chirpchat.web;

    requires io.helidon.config;
    requires io.helidon.config.yaml;
    requires io.helidon.webserver;
    requires io.helidon.webserver.websocket;
    requires io.helidon.webserver.observe;
    requires io.helidon.webserver.observe.health;
    requires io.helidon.webserver.observe.metrics;
    requires io.helidon.metrics.api;
    requires io.helidon.metrics.systemmeters;
    requires io.helidon.health;
    requires io.helidon.health.checks;
    requires io.helidon.openapi;
    requires io.helidon.dbclient;
    requires io.helidon.dbclient.health;
    requires io.helidon.logging.common;
    requires io.helidon.logging.jul;

    exports com.chirpchat.bootstrap;
}
