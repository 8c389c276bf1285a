package com.chirpchat.application.common;

import java.util.UUID;

/** Source of new identities (a port so tests can make them predictable). */
@FunctionalInterface
public interface IdGenerator {
    UUID next();

    /** Random (version 4) UUIDs. */
    static IdGenerator random() {
        return UUID::randomUUID;
    }
}
