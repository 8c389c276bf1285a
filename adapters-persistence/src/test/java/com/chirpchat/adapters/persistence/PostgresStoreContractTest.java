package com.chirpchat.adapters.persistence;

import com.chirpchat.application.contract.MediaStorageContract;
import com.chirpchat.application.contract.StorePorts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Production storage keeps the store contract, media included: a fresh PostgreSQL database for this class. */
class PostgresStoreContractTest extends MediaStorageContract {
    @RegisterExtension
    static final ClassDatabase db = ClassDatabase.postgres();

    @BeforeAll
    static void isProductionStorage() {
        assertThat(db.persistence().embedded()).isFalse();
    }

    @Override
    protected StorePorts store() {
        return StorePorts.of(db.store());
    }
}
