package com.chirpchat.adapters.inprocess;

import com.chirpchat.application.contract.FanoutContract;
import com.chirpchat.application.event.ChatEventFanout;

/** A single instance's fanout keeps the part of the contract that concerns one instance. */
class InProcessFanoutContractTest extends FanoutContract {
    @Override
    protected ChatEventFanout newInstance() {
        return new InProcessFanout();
    }
}
