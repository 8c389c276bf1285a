package com.chirpchat.bootstrap;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Loads configuration. Highest priority first: explicit overrides (tests), the short environment aliases below,
 * environment variables in Helidon's mapping ({@code SERVER_PORT} → {@code server.port}, {@code _dash_} → '-'),
 * system properties, then {@code application.yaml}.
 */
public final class Settings {
    /** Widely used variable names, mapped to our keys. */
    static final Map<String, String> ENV_ALIASES = Map.of(
            "CLOUDINARY_URL", "chirpchat.cloudinary.url",
            "REDIS_URL", "chirpchat.redis.url",
            "JDBC_DATABASE_URL", "chirpchat.db.url",
            "JDBC_DATABASE_USERNAME", "chirpchat.db.username",
            "JDBC_DATABASE_PASSWORD", "chirpchat.db.password",
            "JWT_SECRET", "chirpchat.auth.jwt-secret",
            "PUBLIC_BASE_URL", "chirpchat.public-base-url",
            "ALLOWED_ORIGINS", "chirpchat.ws.allowed-origins",
            "DATA_DIR", "chirpchat.data-dir");

    private Settings() {
    }

    /** The configuration of a server started from the command line. */
    public static Config load() {
        return load(Map.of());
    }

    /** The configuration with {@code overrides} (flat keys such as {@code server.port}) above everything else. */
    public static Config load(Map<String, String> overrides) {
        Map<String, String> aliased = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            String key = ENV_ALIASES.get(name);
            if (key != null) {
                aliased.put(key, value);
            }
        });
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(overrides, "overrides"))
                .addSource(ConfigSources.create(aliased, "environment aliases"))
                .addSource(ConfigSources.environmentVariables())
                .addSource(ConfigSources.systemProperties())
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
    }

    /** A text setting; blank counts as absent so {@code KEY=""} in the environment switches a feature off. */
    static Optional<String> text(Config config) {
        return config.asString().asOptional().map(String::strip).filter(s -> !s.isEmpty());
    }

    static Path dataDir(Config config) {
        return Path.of(text(config.get("chirpchat.data-dir")).orElse("./data")).toAbsolutePath().normalize();
    }
}
