package com.chirpchat.adapters.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresConcurrencyStressTest extends ConcurrencyStressTest {
    private static PostgresTestDatabase database;

    @BeforeAll
    static void create() {
        database = PostgresTestDatabase.create();
    }

    @AfterAll
    static void drop() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    TestDatabase database() {
        return database;
    }
}
