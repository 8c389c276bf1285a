package com.chirpchat.adapters.persistence;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/** A database for one test class: opened as often as the test likes (same data each time), removed at the end. */
interface TestDatabase extends AutoCloseable {
    /** A new Persistence on this database, with the given extra configuration keys. */
    Persistence open(Map<String, String> extraConfig);

    default Persistence open() {
        return open(Map.of());
    }

    /** Removes the database. */
    @Override
    void close();

    static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(new HashMap<>(values)));
    }

    /** An embedded H2 file database in {@code dir}. */
    static TestDatabase h2(Path dir) {
        return new TestDatabase() {
            @Override
            public Persistence open(Map<String, String> extraConfig) {
                return Persistence.create(config(extraConfig), dir);
            }

            @Override
            public void close() {
                // JUnit deletes the temporary directory
            }
        };
    }
}
