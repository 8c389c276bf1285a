/**
 * The JSON form of ChirpChat's domain objects, shared by the adapters that write it (HTTP and WebSocket for
 * clients, the Redis fanout between instances) so there is exactly one wire format.
 */
module com.chirpchat.wire {
    requires transitive com.chirpchat.domain;
    requires transitive com.fasterxml.jackson.databind;

    exports com.chirpchat.wire;
}
