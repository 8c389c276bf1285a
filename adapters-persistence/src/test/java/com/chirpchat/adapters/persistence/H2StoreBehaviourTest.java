package com.chirpchat.adapters.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

class H2StoreBehaviourTest extends StoreBehaviourTest {
    @RegisterExtension
    static final ClassDatabase db = ClassDatabase.h2();

    @Override
    TestDatabase database() {
        return db.database();
    }

    @Override
    Persistence persistence() {
        return db.persistence();
    }
}
