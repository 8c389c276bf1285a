package com.chirpchat.adapters.persistence;

import com.chirpchat.application.contract.MediaStorageContract;
import com.chirpchat.application.contract.StorePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/** Production storage keeps the store contract, media included: a fresh PostgreSQL database for this class. */
class PostgresStoreContractTest extends MediaStorageContract {
    private static ClassDatabase db;

    @BeforeAll
    static void open() {
        db = ClassDatabase.open(PostgresTestDatabase.create());
        assertThat(db.persistence().embedded()).isFalse();
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected StorePorts store() {
        return StorePorts.of(db.store());
    }
}
