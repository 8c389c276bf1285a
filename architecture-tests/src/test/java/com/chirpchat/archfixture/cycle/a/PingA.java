package com.chirpchat.archfixture.cycle.a;

import com.chirpchat.archfixture.cycle.b.PongB;

/** Fixture: half of a package cycle. */
public class PingA {
    public PongB pong() {
        return new PongB();
    }
}
