package com.chirpchat.application.fakes;

import com.chirpchat.application.contract.SharedFanoutContract;
import com.chirpchat.application.event.ChatEventFanout;

/** The fake keeps the fanout contract, so what the application's tests learn on it holds for the real ones. */
class RecordingFanoutContractTest extends SharedFanoutContract {
    private RecordingFanout first;

    @Override
    protected ChatEventFanout newInstance() {
        if (first == null) {
            first = new RecordingFanout();
            return first;
        }
        return first.peer();
    }
}
