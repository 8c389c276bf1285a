/**
 * The chat-event fanout on Redis Pub/Sub (lettuce): server instances sharing Redis hear each other's events.
 * Only {@code bootstrap} sees it; it depends on the application's port, the shared wire format and lettuce.
 */
module com.chirpchat.adapters.redis {
    requires com.chirpchat.application;
    requires com.chirpchat.wire;
    requires lettuce.core;
    // lettuce sets TCP keep-alive timings through jdk.net.ExtendedSocketOptions; an automatic module cannot ask for it
    requires jdk.net;

    exports com.chirpchat.adapters.redis to com.chirpchat.bootstrap;
}
