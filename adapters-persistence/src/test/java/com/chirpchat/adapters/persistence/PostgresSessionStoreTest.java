package com.chirpchat.adapters.persistence;

import com.chirpchat.application.account.CreateUserPort;
import com.chirpchat.application.account.SessionStorePort;
import com.chirpchat.application.contract.SessionStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** PostgreSQL keeps the session store contract (V4): a fresh database for this class. */
class PostgresSessionStoreTest extends SessionStoreContract {
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
    protected SessionStorePort sessions() {
        return db.store().sessions();
    }

    @Override
    protected CreateUserPort users() {
        return db.store();
    }
}
