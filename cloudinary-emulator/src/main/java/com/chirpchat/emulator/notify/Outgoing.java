package com.chirpchat.emulator.notify;

import java.util.Objects;

/**
 * A notification waiting in the outbox.
 *
 * @param id        outbox id (file name)
 * @param url       where it goes
 * @param body      the exact JSON body; every attempt sends the same bytes
 * @param attempts  attempts made so far
 */
public record Outgoing(String id, String url, String body, int attempts) {

    public Outgoing {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
    }

    Outgoing attempted() {
        return new Outgoing(id, url, body, attempts + 1);
    }
}
