package com.chirpchat.adapters.persistence;

import java.nio.file.Path;

import com.chirpchat.application.contract.MediaStorageContract;
import com.chirpchat.application.contract.StorePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default keeps the store contract, media included: an H2 file in a temporary data directory. */
class H2StoreContractTest extends MediaStorageContract {
    @TempDir
    static Path dataDir;
    private static ClassDatabase db;

    @BeforeAll
    static void open() {
        db = ClassDatabase.open(TestDatabase.h2(dataDir));
        assertThat(db.persistence().embedded()).isTrue();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    protected StorePorts store() {
        // one store for the class: the contract's names are unique per test
        return StorePorts.of(db.store());
    }
}
