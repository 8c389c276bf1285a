package com.chirpchat.adapters.persistence;

import com.chirpchat.application.account.CreateUserPort;
import com.chirpchat.application.account.SessionStorePort;
import com.chirpchat.application.contract.SessionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embedded database keeps the session store contract (V4). */
class H2SessionStoreTest extends SessionStoreContract {
    @RegisterExtension
    static final ClassDatabase db = ClassDatabase.h2();

    @Override
    protected SessionStorePort sessions() {
        return db.store().sessions();
    }

    @Override
    protected CreateUserPort users() {
        return db.store();
    }
}
