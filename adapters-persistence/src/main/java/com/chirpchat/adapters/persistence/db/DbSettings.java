package com.chirpchat.adapters.persistence.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.helidon.config.Config;

/**
 * Where the database is and how to reach it, read from the {@code chirpchat.db} node. Without a {@code url}
 * the store runs on an embedded H2 file under the data directory, in PostgreSQL mode so that one set of
 * statements and migrations serves both databases.
 */
public record DbSettings(String jdbcUrl,
                         Optional<String> username,
                         Optional<String> password,
                         int poolSize,
                         Duration connectionTimeout,
                         SessionLimits limits) {

    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** The embedded database's file name (H2 adds {@code .mv.db}). */
    public static final String EMBEDDED_NAME = "chirpchat";
    // the lock timeout is set per pooled session, from SessionLimits
    private static final String EMBEDDED_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    // Hikari refuses shorter waits
    private static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    public DbSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new PersistenceException("chirpchat.db.url must be a JDBC URL (jdbc:...)");
        }
        if (poolSize < 1) {
            throw new PersistenceException("chirpchat.db.pool-size must be at least 1");
        }
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw new PersistenceException("chirpchat.db.connection-timeout must be at least 250 ms");
        }
        Objects.requireNonNull(limits, "limits");
    }

    /** Settings with the default {@link SessionLimits}. */
    public DbSettings(String jdbcUrl, Optional<String> username, Optional<String> password, int poolSize,
                      Duration connectionTimeout) {
        this(jdbcUrl, username, password, poolSize, connectionTimeout, SessionLimits.DEFAULTS);
    }

    /** Settings from the {@code chirpchat.db} node; creates {@code dataDir} when the embedded file is used. */
    public static DbSettings create(Config config, Path dataDir) {
        Optional<String> url = config.get("url").asString().asOptional().map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> username = config.get("username").asString().asOptional().filter(s -> !s.isEmpty());
        Optional<String> password = config.get("password").asString().asOptional();
        int poolSize = config.get("pool-size").asInt().orElse(DEFAULT_POOL_SIZE);
        Duration timeout = config.get("connection-timeout").as(Duration.class).orElse(DEFAULT_CONNECTION_TIMEOUT);
        SessionLimits limits = SessionLimits.create(config);
        if (url.isPresent()) {
            return new DbSettings(url.get(), username, password, poolSize, timeout, limits);
        }
        // H2 makes its first user the database's administrator; "sa" is the name its tools expect
        return new DbSettings(embeddedUrl(dataDir), username.or(() -> Optional.of("sa")), password, poolSize, timeout, limits);
    }

    /** The URL of the embedded H2 file database in {@code dataDir}. */
    public static String embeddedUrl(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PersistenceException("cannot create the data directory " + dir, e);
        }
        String file = dir.resolve(EMBEDDED_NAME).toString();
        if (file.contains(";")) {
            // H2 would read what follows as connection options
            throw new PersistenceException("the data directory path must not contain ';': " + dir);
        }
        return "jdbc:h2:file:" + file + EMBEDDED_OPTIONS;
    }

    /** True for the embedded H2 database (rather than a PostgreSQL server). */
    public boolean embedded() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /** The URL without options or parameters, which may carry credentials: safe for logs and errors. */
    public String redactedUrl() {
        int cut = jdbcUrl.length();
        for (char c : new char[] {'?', ';'}) {
            int at = jdbcUrl.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return jdbcUrl.substring(0, cut);
    }

    @Override
    public String toString() {
        return "DbSettings[" + redactedUrl() + ", pool-size=" + poolSize + ", connection-timeout=" + connectionTimeout
                + ", " + limits + "]";
    }
}
