package com.chirpchat.adapters.persistence;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

class H2ConcurrencyStressTest extends ConcurrencyStressTest {
    @TempDir
    static Path dataDir;

    @Override
    TestDatabase database() {
        return TestDatabase.h2(dataDir);
    }
}
