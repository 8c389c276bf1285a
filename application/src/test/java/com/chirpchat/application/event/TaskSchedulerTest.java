package com.chirpchat.application.event;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaskSchedulerTest {
    @Test
    void theDefaultRunsTheTaskOnceOnAVirtualThreadNoSoonerThanAsked() throws InterruptedException {
        Duration delay = Duration.ofMillis(30);
        CountDownLatch ran = new CountDownLatch(1);
        AtomicLong ranAt = new AtomicLong();
        AtomicReference<Thread> thread = new AtomicReference<>();
        long scheduledAt = System.nanoTime();

        TaskScheduler.virtualThreads().schedule(delay, () -> {
            ranAt.set(System.nanoTime());
            thread.set(Thread.currentThread());
            ran.countDown();
        });

        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ranAt.get() - scheduledAt).isGreaterThanOrEqualTo(delay.toNanos());
        assertThat(thread.get().isVirtual()).isTrue();
        assertThat(thread.get()).isNotSameAs(Thread.currentThread());
    }
}
