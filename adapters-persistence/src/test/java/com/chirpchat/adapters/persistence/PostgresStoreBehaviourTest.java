package com.chirpchat.adapters.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresStoreBehaviourTest extends StoreBehaviourTest {
    private static PostgresTestDatabase database;
    private static Persistence persistence;

    @BeforeAll
    static void open() {
        database = PostgresTestDatabase.create();
        persistence = database.open();
    }

    @AfterAll
    static void close() {
        if (persistence != null) {
            persistence.close();
        }
        if (database != null) {
            database.close();
        }
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
