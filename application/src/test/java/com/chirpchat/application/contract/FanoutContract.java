package com.chirpchat.application.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import com.chirpchat.application.event.ChatEventFanout;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What every {@link ChatEventFanout} does for the instance it serves, whatever carries the events; extend it once
 * per fanout. {@link SharedFanoutContract} adds what fanouts connecting several instances do.
 * <p>
 * A fanout may hand events to the listener on the publishing thread (in-process, the recording fake) or later on
 * threads of its own (Redis): both must pass. So the suite never assumes an event has arrived when a call returns:
 * it waits for it, with a deadline. A check that an event did <em>not</em> arrive first waits for a later event
 * that would have come after it (one chat's events from one publisher keep their order), never for time to pass.
 */
public abstract class FanoutContract {
    protected static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");

    private final List<ChatEventFanout> instances = new ArrayList<>();

    /**
     * A new instance of the fanout under test. The instances one test makes are one deployment: they reach each
     * other (where the fanout connects instances at all); those of different tests must not.
     */
    protected abstract ChatEventFanout newInstance();

    /** Releases an instance at the end of its test; by default closes it if it can be closed. */
    protected void release(ChatEventFanout instance) throws Exception {
        if (instance instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** An instance with its listener, as the router of one server instance would hold it. */
    protected record Node(ChatEventFanout fanout, HeardEvents heard) {
    }

    protected final Node node() {
        ChatEventFanout fanout = newInstance();
        instances.add(fanout);
        HeardEvents heard = new HeardEvents(DEADLINE);
        fanout.listen(heard);
        return new Node(fanout, heard);
    }

    @AfterEach
    void releaseInstances() throws Exception {
        for (ChatEventFanout instance : instances) {
            release(instance);
        }
    }

    @Test
    void anInstanceHearsWhatItPublishesInOrderWithoutFollowingAnything() {
        Node a = node();
        ChatId chat = chat();

        a.fanout().publish(memberAdded(chat, 1, user()));
        a.fanout().publish(deleted(chat, 2));
        a.fanout().publish(deleted(chat, 3));

        a.heard().awaitEvent(chat, 3);
        assertThat(a.heard().seqs(chat)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void eventsPublishedFromManyThreadsAtOnceAreAllHeardOnceEachInTheirThreadsOrder() throws Exception {
        Node a = node();
        int threads = 8;
        int perThread = 50;
        List<ChatId> chats = LongStream.range(0, threads).mapToObj(i -> chat()).toList();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> publishers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (ChatId chat : chats) {
                publishers.add(pool.submit(() -> {
                    start.await();
                    for (long seq = 1; seq <= perThread; seq++) {
                        a.fanout().publish(deleted(chat, seq));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> publisher : publishers) {
                publisher.get();
            }
        }

        List<Long> all = LongStream.rangeClosed(1, perThread).boxed().toList();
        for (ChatId chat : chats) {
            a.heard().awaitEvent(chat, perThread); // the last of its thread: the others came before it
            assertThat(a.heard().seqs(chat)).containsExactlyElementsOf(all);
        }
    }

    @Test
    void followingAndUnfollowingInAnyOrderFromManyThreadsNeverFailsNorSilencesTheInstance() throws Exception {
        Node a = node();
        ChatId chat = chat();
        UserId user = user();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> callers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                boolean unfollowFirst = t % 2 == 0;
                callers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 10; i++) {
                        if (unfollowFirst) {
                            a.fanout().unfollow(chat);
                            a.fanout().unfollowUser(user);
                        }
                        a.fanout().follow(chat);
                        a.fanout().followUser(user);
                        if (!unfollowFirst) {
                            a.fanout().unfollow(chat);
                            a.fanout().unfollowUser(user);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> caller : callers) {
                caller.get();
            }
        }

        a.fanout().publish(memberAdded(chat, 1, user));
        a.heard().awaitEvent(chat, 1);
    }

    @Test
    void aListenerThatThrowsNeitherFailsPublishingNorStopsTheFanout() {
        Node a = node();
        ChatId chat = chat();
        a.heard().failOn(event -> event.seq() == 1);

        assertThatCode(() -> a.fanout().publish(deleted(chat, 1))).doesNotThrowAnyException();
        a.fanout().publish(deleted(chat, 2));

        a.heard().awaitEvent(chat, 2);
        assertThat(a.heard().failures()).isEqualTo(1);
        assertThat(a.heard().seqs(chat)).containsExactly(1L, 2L);
    }

    protected static ChatId chat() {
        return new ChatId(UUID.randomUUID());
    }

    protected static UserId user() {
        return new UserId(UUID.randomUUID());
    }

    protected static ChatEvent deleted(ChatId chat, long seq) {
        return new ChatEvent(chat, seq, T0, new EventData.MessageDeleted(new MessageId(UUID.randomUUID())));
    }

    protected static ChatEvent memberAdded(ChatId chat, long seq, UserId user) {
        return new ChatEvent(chat, seq, T0, new EventData.MemberAdded(user, Role.MEMBER));
    }

    protected static ChatEvent memberRemoved(ChatId chat, long seq, UserId user) {
        return new ChatEvent(chat, seq, T0, new EventData.MemberRemoved(user, Role.MEMBER));
    }
}
