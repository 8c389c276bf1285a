package com.chirpchat.application.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a fanout connecting several server instances does, on top of {@link FanoutContract}: the instances one
 * test makes share one medium (one Redis and channel prefix, one fake network).
 * <p>
 * Events between instances may take their time. Before a check that an instance did not hear something, the test
 * makes sure the medium had dealt with it: another instance heard it (so the medium has processed it), and then the
 * instance in question heard a later event that would have come after it.
 */
public abstract class SharedFanoutContract extends FanoutContract {
    @Test
    void aFollowerHearsWhatAnotherInstancePublishesOnceFollowHasReturned() {
        Node a = node();
        Node b = node();
        ChatId chat = chat();
        b.fanout().follow(chat);

        a.fanout().publish(deleted(chat, 1));

        b.heard().awaitEvent(chat, 1);
    }

    @Test
    void oneInstancesEventsOfAChatReachEveryFollowerInOrderAndOnce() {
        Node a = node();
        Node b = node();
        ChatId chat = chat();
        a.fanout().follow(chat);
        b.fanout().follow(chat);

        for (long seq = 1; seq <= 100; seq++) {
            a.fanout().publish(deleted(chat, seq));
        }
        b.heard().awaitEvent(chat, 100);
        // once b has heard 100 the medium has sent a's own 1..100 back to a too: b's 101 comes after them
        b.fanout().publish(deleted(chat, 101));
        a.heard().awaitEvent(chat, 101);

        List<Long> all = LongStream.rangeClosed(1, 101).boxed().toList();
        assertThat(a.heard().seqs(chat)).as("the publisher heard its own events once").containsExactlyElementsOf(all);
        assertThat(b.heard().seqs(chat)).containsExactlyElementsOf(all);
    }

    @Test
    void anInstanceHearsNothingOfAChatItDoesNotFollow() {
        Node a = node();
        Node b = node();
        Node c = node();
        ChatId chat = chat();
        b.fanout().follow(chat);
        a.fanout().publish(deleted(chat, 1));
        b.heard().awaitEvent(chat, 1); // the medium is done with #1

        c.fanout().follow(chat);
        a.fanout().publish(deleted(chat, 2));
        c.heard().awaitEvent(chat, 2);

        assertThat(c.heard().seqs(chat)).as("#1 came before c followed").containsExactly(2L);
    }

    @Test
    void membershipEventsAlsoReachInstancesFollowingTheUserConcerned() {
        Node a = node();
        Node b = node();
        ChatId chat = chat();
        UserId user = user();
        b.fanout().followUser(user);

        a.fanout().publish(memberAdded(chat, 1, user));
        a.fanout().publish(deleted(chat, 2));         // not about the user: only for the chat's followers
        a.fanout().publish(memberRemoved(chat, 3, user));

        b.heard().awaitEvent(chat, 3);
        assertThat(b.heard().seqs(chat)).containsExactly(1L, 3L);
    }

    @Test
    void followsAreCountedAndTheLastUnfollowStopsTheChatByTheNextFollow() {
        Node a = node();
        Node b = node();
        Node witness = node();
        ChatId chat = chat();
        b.fanout().follow(chat);
        b.fanout().follow(chat);
        b.fanout().unfollow(chat);
        a.fanout().publish(deleted(chat, 1));
        b.heard().awaitEvent(chat, 1); // still followed once

        b.fanout().unfollow(chat);
        b.fanout().follow(chat());      // by now the unfollow has taken effect
        witness.fanout().follow(chat);
        a.fanout().publish(deleted(chat, 2));
        witness.heard().awaitEvent(chat, 2);
        b.fanout().follow(chat);
        a.fanout().publish(deleted(chat, 3));
        b.heard().awaitEvent(chat, 3);

        assertThat(b.heard().seqs(chat)).as("#2 came while b followed no more").containsExactly(1L, 3L);
    }

    @Test
    void anUnfollowThatOvertookItsFollowCancelsIt() {
        Node a = node();
        Node b = node();
        Node witness = node();
        ChatId chat = chat();
        b.fanout().unfollow(chat);
        b.fanout().follow(chat); // count back to zero: not followed
        witness.fanout().follow(chat);
        a.fanout().publish(deleted(chat, 1));
        witness.heard().awaitEvent(chat, 1);

        b.fanout().follow(chat);
        a.fanout().publish(deleted(chat, 2));
        b.heard().awaitEvent(chat, 2);

        assertThat(b.heard().seqs(chat)).containsExactly(2L);
    }

    @Test
    void balancedFollowsAndUnfollowsRacingFromManyThreadsLeaveTheChatUnfollowed() throws Exception {
        Node a = node();
        Node b = node();
        Node witness = node();
        ChatId chat = chat();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> callers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                boolean unfollowFirst = t % 2 == 0; // an unfollow may overtake its follow
                callers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 10; i++) {
                        if (unfollowFirst) {
                            b.fanout().unfollow(chat);
                        }
                        b.fanout().follow(chat);
                        if (!unfollowFirst) {
                            b.fanout().unfollow(chat);
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
        // unfollow returns at once: the race's last one has taken effect only once a later follow has returned
        b.fanout().follow(chat());
        witness.fanout().follow(chat);
        a.fanout().publish(deleted(chat, 1));
        witness.heard().awaitEvent(chat, 1);
        b.fanout().follow(chat);
        a.fanout().publish(deleted(chat, 2));
        b.heard().awaitEvent(chat, 2);

        b.fanout().unfollow(chat);
        b.fanout().follow(chat());
        a.fanout().publish(deleted(chat, 3));
        witness.heard().awaitEvent(chat, 3);
        b.fanout().follow(chat);
        a.fanout().publish(deleted(chat, 4));
        b.heard().awaitEvent(chat, 4);

        assertThat(b.heard().seqs(chat)).as("followed only for #2 and #4").containsExactly(2L, 4L);
    }
}
