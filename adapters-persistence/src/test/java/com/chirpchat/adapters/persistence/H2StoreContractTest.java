package com.chirpchat.adapters.persistence;

import com.chirpchat.application.contract.MediaStorageContract;
import com.chirpchat.application.contract.StorePorts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default keeps the store contract, media included: an H2 file in a temporary data directory. */
class H2StoreContractTest extends MediaStorageContract {
    @RegisterExtension
    static final ClassDatabase db = ClassDatabase.h2();

    @BeforeAll
    static void isTheEmbeddedDefault() {
        assertThat(db.persistence().embedded()).isTrue();
    }

    @Override
    protected StorePorts store() {
        // one store for the class: the contract's names are unique per test
        return StorePorts.of(db.store());
    }
}
