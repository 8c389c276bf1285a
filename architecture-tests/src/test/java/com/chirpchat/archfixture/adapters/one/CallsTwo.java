package com.chirpchat.archfixture.adapters.one;

import com.chirpchat.archfixture.adapters.two.Two;

/** Fixture: an adapter calling another adapter. */
public class CallsTwo {
    public String call() {
        return new Two().name();
    }
}
