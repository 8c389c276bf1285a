package com.chirpchat.adapters.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresStoreBehaviourTest extends StoreBehaviourTest {
    @RegisterExtension
    static final ClassDatabase db = ClassDatabase.postgres();

    @Override
    TestDatabase database() {
        return db.database();
    }

    @Override
    Persistence persistence() {
        return db.persistence();
    }
}
