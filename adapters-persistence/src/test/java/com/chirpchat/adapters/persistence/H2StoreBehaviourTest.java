package com.chirpchat.adapters.persistence;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class H2StoreBehaviourTest extends StoreBehaviourTest {
    @TempDir
    static Path dataDir;
    private static ClassDatabase db;

    @BeforeAll
    static void open() {
        db = ClassDatabase.open(TestDatabase.h2(dataDir));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    TestDatabase database() {
        return db.database();
    }

    @Override
    Persistence persistence() {
        return db.persistence();
    }
}
