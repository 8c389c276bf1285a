/**
 * ChirpChat's use cases (ports in) and the ports out they need. Plain Java: adapters implement the out-ports,
 * and {@code bootstrap} wires them to the services here.
 */
module com.chirpchat.application {
    requires transitive com.chirpchat.domain;

    exports com.chirpchat.application.common;
    exports com.chirpchat.application.access;
    exports com.chirpchat.application.account;
    exports com.chirpchat.application.chat;
    exports com.chirpchat.application.ledger;
    exports com.chirpchat.application.message;
    exports com.chirpchat.application.event;
    exports com.chirpchat.application.media;
    exports com.chirpchat.application.limits;
}
