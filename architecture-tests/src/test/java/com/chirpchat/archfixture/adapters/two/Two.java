package com.chirpchat.archfixture.adapters.two;

/** Fixture: the adapter being called. */
public class Two {
    public String name() {
        return "two";
    }
}
