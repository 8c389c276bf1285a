package com.chirpchat.bootstrap;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Makes a check count for readiness: a server whose database or broker is gone is alive (don't restart it) but
 * not ready (don't send it traffic).
 */
record Readiness(HealthCheck check) implements HealthCheck {
    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return check.name();
    }

    @Override
    public HealthCheckResponse call() {
        return check.call();
    }
}
