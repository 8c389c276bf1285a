package com.chirpchat.adapters.redis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SerialLanesTest {
    @Test
    void runsEachKeysTasksInOrderOnVirtualThreads() {
        SerialLanes lanes = new SerialLanes("test-", 100_000);
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        List<Boolean> virtual = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            String key = "k" + (i % 7);
            int n = i;
            assertThat(lanes.submit(key, () -> {
                seen.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(n);
                virtual.add(Thread.currentThread().isVirtual());
            })).isTrue();
        }

        await().atMost(10, TimeUnit.SECONDS).until(() -> seen.values().stream().mapToInt(List::size).sum() == 3_000);
        seen.forEach((key, numbers) -> assertThat(numbers).isSorted());
        assertThat(virtual).containsOnly(true);
        assertThat(lanes.waiting()).isZero();
    }

    @Test
    void aBlockedKeyHoldsUpNoOtherAndTheLimitIsKept() throws Exception {
        SerialLanes lanes = new SerialLanes("test-", 3);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherRan = new CountDownLatch(1);
        lanes.submit("slow", () -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        lanes.submit("other", otherRan::countDown);
        assertThat(otherRan.await(5, TimeUnit.SECONDS)).isTrue();

        await().atMost(5, TimeUnit.SECONDS).until(() -> lanes.waiting() == 0);
        List<Boolean> accepted = IntStream.range(0, 4).mapToObj(i -> lanes.submit("slow", () -> { })).toList();
        assertThat(accepted).containsExactly(true, true, true, false);
        release.countDown();
        await().atMost(5, TimeUnit.SECONDS).until(() -> lanes.waiting() == 0);
    }
}
