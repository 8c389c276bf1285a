package com.chirpchat.adapters.http.ws;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GreetingTest {
    @Test
    void eventsDeliveredWhileSubscribingFollowHelloInTheirOrder() {
        Greeting greeting = new Greeting(10);
        List<String> queued = new ArrayList<>();

        assertThat(greeting.holds("e1")).isTrue();
        assertThat(greeting.holds("e2")).isTrue();
        assertThat(greeting.greet("hello", queued::add)).isTrue();
        assertThat(greeting.holds("e3")).as("after hello, frames are queued by the caller").isFalse();

        assertThat(queued).containsExactly("hello", "e1", "e2");
    }

    @Test
    void moreThanTheOutboxHoldsIsAnOverflow() {
        Greeting greeting = new Greeting(2);
        List<String> queued = new ArrayList<>();
        greeting.holds("e1");
        greeting.holds("e2");
        assertThat(greeting.holds("e3")).as("taken, but it does not fit").isTrue();

        assertThat(greeting.greet("hello", queued::add)).isFalse();
    }

    @Test
    void aFullOutboxIsAnOverflow() {
        Greeting greeting = new Greeting(10);
        greeting.holds("e1");
        List<String> queued = new ArrayList<>();

        assertThat(greeting.greet("hello", frame -> queued.size() < 1 && queued.add(frame))).isFalse();
        assertThat(queued).containsExactly("hello");
    }
}
