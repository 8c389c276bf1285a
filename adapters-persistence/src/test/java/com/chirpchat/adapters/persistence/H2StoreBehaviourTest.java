package com.chirpchat.adapters.persistence;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class H2StoreBehaviourTest extends StoreBehaviourTest {
    @TempDir
    static Path dataDir;
    private static TestDatabase database;
    private static Persistence persistence;

    @BeforeAll
    static void open() {
        database = TestDatabase.h2(dataDir);
        persistence = database.open();
    }

    @AfterAll
    static void close() {
        persistence.close();
    }

    @Override
    TestDatabase database() {
        return database;
    }

    @Override
    Persistence persistence() {
        return persistence;
    }
}
