package com.chirpchat.adapters.http.ws;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GreetingTest {
    @Test
    void eventsDeliveredWhileSubscribingFollowHelloInTheirOrder() {
        Greeting<String> greeting = new Greeting<>(10);
        List<String> queued = new ArrayList<>();

        assertThat(greeting.offer("e1", queued::add)).isTrue();
        assertThat(greeting.offer("e2", queued::add)).isTrue();
        assertThat(queued).as("held until hello").isEmpty();
        assertThat(greeting.greet("hello", queued::add)).isTrue();
        assertThat(greeting.offer("e3", queued::add)).isTrue();

        assertThat(queued).containsExactly("hello", "e1", "e2", "e3");
    }

    @Test
    void moreThanTheOutboxHoldsIsAnOverflow() {
        Greeting<String> greeting = new Greeting<>(2);
        List<String> queued = new ArrayList<>();
        greeting.offer("e1", queued::add);
        greeting.offer("e2", queued::add);
        assertThat(greeting.offer("e3", queued::add)).as("taken, but it does not fit").isTrue();

        assertThat(greeting.greet("hello", queued::add)).isFalse();
    }

    @Test
    void aFullOutboxIsAnOverflow() {
        Greeting<String> greeting = new Greeting<>(10);
        List<String> queued = new ArrayList<>();
        greeting.offer("e1", queued::add);

        assertThat(greeting.greet("hello", frame -> queued.size() < 1 && queued.add(frame))).isFalse();
        assertThat(queued).containsExactly("hello");
        assertThat(greeting.offer("e2", frame -> false)).as("a full outbox after hello").isFalse();
    }
}
