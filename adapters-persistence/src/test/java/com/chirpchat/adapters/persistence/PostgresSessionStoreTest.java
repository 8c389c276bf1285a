package com.chirpchat.adapters.persistence;

import com.chirpchat.application.account.CreateUserPort;
import com.chirpchat.application.account.SessionStorePort;
import com.chirpchat.application.contract.SessionStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** PostgreSQL keeps the session store contract (V4): a fresh database for this class. */
class PostgresSessionStoreTest extends SessionStoreContract {
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
    protected SessionStorePort sessions() {
        return persistence.store().sessions();
    }

    @Override
    protected CreateUserPort users() {
        return persistence.store();
    }
}
