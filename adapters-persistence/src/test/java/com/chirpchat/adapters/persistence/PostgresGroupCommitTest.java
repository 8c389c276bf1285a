package com.chirpchat.adapters.persistence;

class PostgresGroupCommitTest extends GroupCommitContract {
    @Override
    TestDatabase freshDatabase() {
        return PostgresTestDatabase.create();
    }
}
