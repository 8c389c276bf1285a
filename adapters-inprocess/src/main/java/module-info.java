/**
 * The chat-event fanout of a single server instance: events go straight to this instance's router. The
 * zero-setup default; only {@code bootstrap} sees it.
 */
module com.chirpchat.adapters.inprocess {
    requires com.chirpchat.application;

    exports com.chirpchat.adapters.inprocess to com.chirpchat.bootstrap;
}
