package com.chirpchat.adapters.persistence;

class PostgresCrossChatTest extends CrossChatContract {
    @Override
    TestDatabase freshDatabase() {
        return PostgresTestDatabase.create();
    }
}
