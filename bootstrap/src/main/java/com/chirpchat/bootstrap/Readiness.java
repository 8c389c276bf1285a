package com.chirpchat.bootstrap;

import java.util.function.Supplier;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Makes a check count for readiness: a server whose database, broker or media store is gone is alive (don't
 * restart it) but not ready (don't send it traffic).
 */
record Readiness(String name, Supplier<HealthCheckResponse> check) implements HealthCheck {

    /** An existing check, counted for readiness. */
    static Readiness of(HealthCheck check) {
        return new Readiness(check.name(), check::call);
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        return check.get();
    }
}
