package com.chirpchat.archfixture.cycle.b;

import com.chirpchat.archfixture.cycle.a.PingA;

/** Fixture: the other half of the package cycle. */
public class PongB {
    public PingA ping() {
        return new PingA();
    }
}
