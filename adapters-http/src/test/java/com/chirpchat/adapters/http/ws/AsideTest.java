package com.chirpchat.adapters.http.ws;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.chirpchat.application.common.UseCaseException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A call aside runs on another thread and looks like a direct call: its result, its exception as thrown. */
class AsideTest {

    @Test
    void theCallRunsOnAThreadOfItsOwnAndItsResultComesBack() {
        Thread caller = Thread.currentThread();
        Thread ran = Aside.call(Thread::currentThread);
        assertThat(ran).isNotSameAs(caller);
        assertThat(ran.isVirtual()).isTrue();
    }

    @Test
    void itsExceptionIsThrownAsItWas() {
        UseCaseException refused = UseCaseException.unauthenticated("no");
        assertThatThrownBy(() -> Aside.call(() -> {
            throw refused;
        })).isSameAs(refused);
    }

    @Test
    void interruptingTheWaiterInterruptsTheCall() throws Exception {
        CountDownLatch calling = new CountDownLatch(1);
        CountDownLatch callInterrupted = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                Aside.call(() -> {
                    calling.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        callInterrupted.countDown();
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        assertThat(calling.await(10, TimeUnit.SECONDS)).isTrue();
        waiter.interrupt();
        assertThat(callInterrupted.await(10, TimeUnit.SECONDS)).isTrue();
        waiter.join();
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class);
        assertThat(flag.get()).as("the waiter stays interrupted").isTrue();
    }
}
