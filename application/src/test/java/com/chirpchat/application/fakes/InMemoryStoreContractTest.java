package com.chirpchat.application.fakes;

import com.chirpchat.application.contract.MediaStorageContract;
import com.chirpchat.application.contract.StorePorts;

/** The fake must keep the same contract as the real stores, or application tests would prove nothing. */
class InMemoryStoreContractTest extends MediaStorageContract {
    @Override
    protected StorePorts store() {
        return StorePorts.of(new InMemoryStore());
    }
}
