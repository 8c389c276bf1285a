package com.chirpchat.application.fakes;

import com.chirpchat.application.contract.StoreContract;
import com.chirpchat.application.contract.StorePorts;

/** The fake must keep the same contract as the real stores, or application tests would prove nothing. */
class InMemoryStoreContractTest extends StoreContract {
    @Override
    protected StorePorts store() {
        return StorePorts.of(new InMemoryStore());
    }
}
