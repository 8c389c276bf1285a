package com.chirpchat.application.event;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.chirpchat.application.chat.AddMemberCommand;
import com.chirpchat.application.fakes.ManualScheduler;
import com.chirpchat.application.fakes.RecordingFanout;
import com.chirpchat.application.fakes.RecordingSink;
import com.chirpchat.application.fakes.TestApp;
import com.chirpchat.application.message.PostMessageCommand;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.ChatEventType;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watch on the fakes, timed by hand: every {@link #INTERVAL} it compares the chats' newest committed seqs with
 * what was delivered, and catches up a stream still behind a {@link #GRACE} later.
 */
class CommitWatchTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration GRACE = Duration.ofMillis(250);

    private final TestApp app = new TestApp();
    private final ManualScheduler scheduler = new ManualScheduler(app.clock);
    private final LiveEventRouter router = LiveEventRouter.create(app.fanout, app.store, app.store, app.store,
                                                                  LiveEventRouter.DEFAULT_REORDER_WINDOW, scheduler);
    private final User ada = app.user("ada");
    private final User bob = app.user("bob");

    @Test
    void aCommittedEventNobodyPublishedArrivesWithinIntervalAndGrace() {
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = connect(bob);
        CommitWatch watch = CommitWatch.start(router, app.store, scheduler, INTERVAL, GRACE);
        app.fanout.hold(); // the publisher dies after its commit: the event is stored, never published
        post(ada, chat, "last words");

        scheduler.advance(INTERVAL);
        assertThat(bobs.received).as("seen behind, but it may still be on its way").isEmpty();
        scheduler.advance(GRACE);

        assertThat(bobs.seqs(chat.id())).containsExactly(chat.lastSeq() + 1);
        assertThat(watch.caughtUp()).isEqualTo(1);
    }

    /**
     * The publisher that died had added bob, who is connected to another instance following nothing of the chat:
     * the instance that finds the join announces it again, and bob's instance opens the chat.
     */
    @Test
    void aJoinWhosePublisherDiedIsAnnouncedAgainForTheAddedUsersInstance() {
        RecordingFanout adasInstance = app.fanout.peer();
        RecordingFanout bobsInstance = app.fanout.peer();
        LiveEventRouter adas = LiveEventRouter.create(adasInstance, app.store, app.store, app.store,
                                                      LiveEventRouter.DEFAULT_REORDER_WINDOW, scheduler);
        LiveEventRouter bobs = LiveEventRouter.create(bobsInstance, app.store, app.store, app.store,
                                                      LiveEventRouter.DEFAULT_REORDER_WINDOW, scheduler);
        Chat chat = app.chat(ada);
        RecordingSink ada1 = new RecordingSink(ada.id());
        adas.subscribe(ada1);
        RecordingSink bob2 = new RecordingSink(bob.id());
        bobs.subscribe(bob2);
        CommitWatch.start(adas, app.store, scheduler, INTERVAL, GRACE);
        app.fanout.hold(); // the instance that adds bob dies before publishing
        app.addMember.add(new AddMemberCommand(ada.id(), chat.id(), bob.id(), Role.MEMBER));

        scheduler.advance(INTERVAL);
        scheduler.advance(GRACE);

        assertThat(ada1.seqs(chat.id())).containsExactly(chat.lastSeq() + 1);
        assertThat(bob2.received).extracting(ChatEvent::type).containsExactly(ChatEventType.MEMBER_ADDED);
        assertThat(bobsInstance.follows(chat.id())).as("bob's instance follows the chat now").isEqualTo(1);
    }

    @Test
    void anEventThatArrivesWithinTheGraceIsNotReadAgain() {
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = connect(bob);
        CommitWatch watch = CommitWatch.start(router, app.store, scheduler, INTERVAL, GRACE);
        app.fanout.hold();
        post(ada, chat, "slow");

        scheduler.advance(INTERVAL);
        app.fanout.deliver(app.fanout.published.getLast()); // it was merely on its way
        long replayedBefore = router.replayedEvents();
        scheduler.advance(GRACE);

        assertThat(bobs.seqs(chat.id())).containsExactly(chat.lastSeq() + 1);
        assertThat(watch.caughtUp()).isZero();
        assertThat(router.replayedEvents()).isEqualTo(replayedBefore);
    }

    @Test
    void oneReadAnIntervalCoversEveryFollowedChatAndNothingElse() {
        Chat first = app.chat(ada, bob);
        Chat second = app.chat(bob);
        Chat notHere = app.chat(ada);
        connect(bob);
        List<Set<ChatId>> reads = new CopyOnWriteArrayList<>();
        LoadChatHeadsPort recording = chats -> {
            reads.add(Set.copyOf(chats));
            return app.store.lastSeqs(chats);
        };
        CommitWatch.start(router, recording, scheduler, INTERVAL, GRACE);

        for (int i = 0; i < 3; i++) {
            scheduler.advance(INTERVAL);
        }

        assertThat(reads).hasSize(3).allMatch(asked -> asked.equals(Set.of(first.id(), second.id())));
        assertThat(reads.getFirst()).doesNotContain(notHere.id());
    }

    @Test
    void aFailingReadIsLoggedAndTheWatchGoesOn() {
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = connect(bob);
        AtomicInteger calls = new AtomicInteger();
        LoadChatHeadsPort flaky = chats -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
            return app.store.lastSeqs(chats);
        };
        CommitWatch.start(router, flaky, scheduler, INTERVAL, GRACE);
        app.fanout.hold();
        post(ada, chat, "during the outage");

        scheduler.advance(INTERVAL.plus(GRACE));
        assertThat(bobs.received).as("the first read failed").isEmpty();
        scheduler.advance(INTERVAL);
        scheduler.advance(GRACE);

        assertThat(bobs.seqs(chat.id())).containsExactly(chat.lastSeq() + 1);
    }

    @Test
    void aClosedWatchStops() {
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = connect(bob);
        CommitWatch watch = CommitWatch.start(router, app.store, scheduler, INTERVAL, GRACE);
        app.fanout.hold();
        post(ada, chat, "unheard");

        watch.close();
        for (int i = 0; i < 3; i++) {
            scheduler.advance(INTERVAL);
            scheduler.advance(GRACE);
        }

        assertThat(bobs.received).isEmpty();
        assertThat(scheduler.pending()).isZero();
    }

    private RecordingSink connect(User user) {
        RecordingSink sink = new RecordingSink(user.id());
        router.subscribe(sink);
        return sink;
    }

    private void post(User author, Chat chat, String text) {
        app.postMessage.post(PostMessageCommand.of(author.id(), chat.id(), text, null));
    }
}
