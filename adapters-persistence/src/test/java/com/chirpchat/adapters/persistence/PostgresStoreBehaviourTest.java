package com.chirpchat.adapters.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresStoreBehaviourTest extends StoreBehaviourTest {
    private static ClassDatabase db;

    @BeforeAll
    static void open() {
        db = ClassDatabase.open(PostgresTestDatabase.create());
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
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
