package com.chirpchat.adapters.persistence;

import com.chirpchat.application.contract.MediaStorageContract;
import com.chirpchat.application.contract.StorePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/** Production storage keeps the store contract, media included: a fresh PostgreSQL database for this class. */
class PostgresStoreContractTest extends MediaStorageContract {
    private static PostgresTestDatabase database;
    private static Persistence persistence;

    @BeforeAll
    static void open() {
        database = PostgresTestDatabase.create();
        persistence = database.open();
        assertThat(persistence.embedded()).isFalse();
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
    protected StorePorts store() {
        return StorePorts.of(persistence.store());
    }
}
