package com.chirpchat.application.fakes;

import com.chirpchat.application.contract.RateCounterContract;
import com.chirpchat.application.limits.RateCounterPort;

class MemoryRateCountersContractTest extends RateCounterContract {
    @Override
    protected RateCounterPort counters() {
        return new MemoryRateCounters();
    }
}
