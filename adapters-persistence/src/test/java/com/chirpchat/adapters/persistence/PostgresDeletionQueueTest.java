package com.chirpchat.adapters.persistence;

/** Instances are separate pools on one PostgreSQL database, as several servers would be. */
class PostgresDeletionQueueTest extends DeletionQueueTest {
    @Override
    TestDatabase freshDatabase() {
        return PostgresTestDatabase.create();
    }
}
