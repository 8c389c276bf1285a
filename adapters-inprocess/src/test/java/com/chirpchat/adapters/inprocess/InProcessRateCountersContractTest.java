package com.chirpchat.adapters.inprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.chirpchat.application.contract.RateCounterContract;
import com.chirpchat.application.limits.RateCounterPort;

import org.junit.jupiter.api.Test;

class InProcessRateCountersContractTest extends RateCounterContract {
    @Override
    protected RateCounterPort counters() {
        return new InProcessRateCounters(100_000);
    }

    @Test
    void aFloodOfKeysIsBoundedAndTheBusiestCounterSurvivesIt() {
        InProcessRateCounters small = new InProcessRateCounters(16);
        small.add("attacker", 1, 1, Duration.ofMinutes(1));
        for (int i = 0; i < 1000; i++) {
            small.add("name-" + i, 1, 1, Duration.ofMinutes(1));
            small.add("attacker", 1, 1, Duration.ofMinutes(1));
        }
        assertThat(small.counts("attacker", 1).current()).isEqualTo(1001);
        assertThat(small.counts("name-0", 1).current()).as("forgotten").isZero();
    }
}
