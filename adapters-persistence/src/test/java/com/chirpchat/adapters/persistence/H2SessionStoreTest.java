package com.chirpchat.adapters.persistence;

import java.nio.file.Path;

import com.chirpchat.application.account.CreateUserPort;
import com.chirpchat.application.account.SessionStorePort;
import com.chirpchat.application.contract.SessionStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database keeps the session store contract (V4). */
class H2SessionStoreTest extends SessionStoreContract {
    @TempDir
    static Path dataDir;
    private static ClassDatabase db;

    @BeforeAll
    static void open() {
        db = ClassDatabase.open(TestDatabase.h2(dataDir));
    }

    @AfterAll
    static void close() {
        db.close();
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
