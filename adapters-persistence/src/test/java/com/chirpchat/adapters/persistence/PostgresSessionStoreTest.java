package com.chirpchat.adapters.persistence;

import com.chirpchat.application.account.CreateUserPort;
import com.chirpchat.application.account.SessionStorePort;
import com.chirpchat.application.contract.SessionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PostgreSQL keeps the session store contract (V4): a fresh database for this class. */
class PostgresSessionStoreTest extends SessionStoreContract {
    @RegisterExtension
    static final ClassDatabase db = ClassDatabase.postgres();

    @Override
    protected SessionStorePort sessions() {
        return db.store().sessions();
    }

    @Override
    protected CreateUserPort users() {
        return db.store();
    }
}
