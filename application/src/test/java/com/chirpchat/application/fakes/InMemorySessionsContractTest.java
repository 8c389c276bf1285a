package com.chirpchat.application.fakes;

import com.chirpchat.application.account.CreateUserPort;
import com.chirpchat.application.account.SessionStorePort;
import com.chirpchat.application.contract.SessionStoreContract;

/** The fake session store keeps the contract the database stores keep. */
class InMemorySessionsContractTest extends SessionStoreContract {
    private final InMemoryStore users = new InMemoryStore();
    private final InMemorySessions sessions = new InMemorySessions();

    @Override
    protected SessionStorePort sessions() {
        return sessions;
    }

    @Override
    protected CreateUserPort users() {
        return users;
    }
}
