package com.chirpchat.application.limits;

import java.util.Objects;

/** Where a request came from, as the HTTP adapter determined it (an IP address in text form), for per-address limits. */
public record ClientAddress(String value) {
    /** When the adapter could not tell: all such requests share one address's limits. */
    public static final ClientAddress UNKNOWN = new ClientAddress("unknown");

    public ClientAddress {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("not a client address: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
