package com.chirpchat.application.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import com.chirpchat.application.chat.AddMemberCommand;
import com.chirpchat.application.fakes.ManualScheduler;
import com.chirpchat.application.fakes.RecordingSink;
import com.chirpchat.application.fakes.TestApp;
import com.chirpchat.application.message.PostMessageCommand;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.ChatEventType;
import com.chirpchat.domain.ledger.PostText;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The router on the application's fakes. Everything runs on the test's thread: the fake fanout hands events over
 * synchronously, and the reorder window is timed by a {@link ManualScheduler} that runs nothing until the test
 * advances it. When a call returns, all it could cause has happened; an assertion that something has not arrived
 * is checked against what would have brought it: the pending timer, or a witness connection served by the same
 * dispatch.
 */
class LiveEventRouterTest {
    private static final Duration WINDOW = LiveEventRouter.DEFAULT_REORDER_WINDOW;
    private static final Duration TICK = Duration.ofMillis(1);

    private final TestApp app = new TestApp();
    private final ManualScheduler scheduler = new ManualScheduler(app.clock);
    private final User ada = app.user("ada");
    private final User bob = app.user("bob");
    private final User cid = app.user("cid");

    @Test
    void aConnectionReceivesItsChatsEventsFromNowOn() {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada, bob);
        Chat other = app.chat(cid);
        RecordingSink bobs = connect(router, bob);
        RecordingSink cids = connect(router, cid);

        post(ada, chat, "hello");
        post(cid, other, "not for bob");
        post(bob, chat, "hi");

        assertThat(cids.seqs(other.id())).as("the witness got the other chat's event").containsExactly(2L);
        assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L);
        assertThat(bobs.received).allMatch(e -> e.chatId().equals(chat.id()));
    }

    @Test
    void aRenderingTheFanoutBroughtReachesTheConnectionsAndTheEventIsNotRenderedAgain() {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada, bob);
        List<OutboundEvent> outbound = new ArrayList<>();
        router.subscribe(new EventSink() {
            @Override
            public com.chirpchat.domain.user.UserId userId() {
                return bob.id();
            }

            @Override
            public void deliver(OutboundEvent event) {
                outbound.add(event);
            }
        });
        List<ChatEvent> held = heldPosts(chat, 3); // seq 3..5

        router.onEvent(held.get(1), "frame of 4"); // early: held with its rendering
        router.onEvent(held.get(0), "frame of 3"); // releases 4
        router.onEvent(held.get(1), "frame of 4 again"); // a duplicate: neither delivered nor kept
        router.onEvent(held.get(2)); // none brought: rendered on first use

        assertThat(outbound).extracting(OutboundEvent::event).containsExactlyElementsOf(held);
        assertThat(outbound).extracting(e -> e.render(event -> "rendered here"))
                .containsExactly("frame of 3", "frame of 4", "rendered here");
    }

    @Test
    void overtakenEventsAreDeliveredInOrderAndDuplicatesOnce() {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = connect(router, bob);
        List<ChatEvent> held = heldPosts(chat, 4); // seq 3..6

        app.fanout.deliver(held.get(2)); // seq 5 first: held, and the window starts
        app.fanout.deliver(held.get(0));
        app.fanout.deliver(held.get(2));
        app.fanout.deliver(held.get(3));
        app.fanout.deliver(held.get(1)); // seq 4 releases 5 and 6
        app.fanout.deliver(held.get(0));

        assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L, 5L, 6L);
        assertThat(router.reorderedEvents()).isEqualTo(2);
        scheduler.advance(WINDOW);
        assertThat(scheduler.ran()).as("the window armed by seq 5 has passed").isEqualTo(1);
        assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L, 5L, 6L);
        assertThat(router.gapFills()).isZero();
        assertThat(router.replayedEvents()).isZero();
    }

    @Test
    void anOvertakingEventWaitsForTheOneItOvertookWithoutReadingStorage() {
        AtomicInteger reads = new AtomicInteger();
        LoadChatEventsPort counted = (chatId, after, limit) -> {
            reads.incrementAndGet();
            return app.store.eventsAfter(chatId, after, limit);
        };
        LiveEventRouter router = router(counted, Duration.ofSeconds(30));
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = connect(router, bob);
        int readsAfterSubscribing = reads.get();
        List<ChatEvent> held = heldPosts(chat, 2); // seq 3, 4

        app.fanout.deliver(held.get(1));
        scheduler.advance(Duration.ofSeconds(30).minus(TICK));
        assertThat(scheduler.pending()).as("only the window's timer could deliver seq 4, and it has not come due").isEqualTo(1);
        assertThat(bobs.seqs(chat.id())).as("seq 4 waits for seq 3").isEmpty();
        app.fanout.deliver(held.get(0));

        assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L);
        scheduler.advance(TICK);
        assertThat(scheduler.ran()).isEqualTo(1);
        assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L);
        assertThat(reads.get()).as("no storage read").isEqualTo(readsAfterSubscribing);
        assertThat(router.reorderedEvents()).isEqualTo(1);
        assertThat(router.gapFills()).isZero();
    }

    @Test
    void anEventTheFanoutLostIsReadFromStorageWhenTheWindowCloses() {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = connect(router, bob);
        List<ChatEvent> held = heldPosts(chat, 2); // seq 3 is lost, seq 4 arrives
        app.fanout.deliver(held.get(1));

        scheduler.advance(WINDOW.minus(TICK));
        assertThat(scheduler.pending()).as("the window is still open").isEqualTo(1);
        assertThat(bobs.seqs(chat.id())).as("held within the window").isEmpty();
        scheduler.advance(TICK);

        assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L);
        assertThat(router.gapFills()).isEqualTo(1);
        assertThat(router.replayedEvents()).isEqualTo(1);
    }

    @Test
    void theWindowRunsFromTheFirstHeldEventAndOneReadFillsTheWholeGap() {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = connect(router, bob);
        List<ChatEvent> held = heldPosts(chat, 3); // seq 3 is lost; 5, then 4 arrive

        app.fanout.deliver(held.get(2));
        scheduler.advance(WINDOW.dividedBy(2));
        app.fanout.deliver(held.get(1));
        assertThat(scheduler.pending()).as("one timer per gap").isEqualTo(1);
        scheduler.advance(WINDOW.dividedBy(2));

        assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L, 5L);
        assertThat(router.gapFills()).isEqualTo(1);
        // one read supplies everything before the newest held event (seq 4 too); the held seq 4 is then a duplicate
        assertThat(router.replayedEvents()).isEqualTo(2);
    }

    @Test
    void withoutAReorderWindowAGapIsFilledFromStorageAtOnce() {
        LiveEventRouter router = router(Duration.ZERO);
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = connect(router, bob);
        app.fanout.deliver(heldPosts(chat, 2).get(1));

        assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L);
        assertThat(scheduler.pending()).as("no timer").isZero();
        assertThat(router.gapFills()).isEqualTo(1);
    }

    @Test
    void heldEventsAreDeliveredEvenWhenStorageCannotFillTheGap() {
        LoadChatEventsPort down = (chatId, after, limit) -> {
            throw new IllegalStateException("database down");
        };
        LiveEventRouter router = router(down, Duration.ZERO);
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = connect(router, bob);
        app.fanout.deliver(heldPosts(chat, 2).get(1));

        assertThat(router.gapFills()).as("storage was asked for seq 3").isEqualTo(1);
        assertThat(bobs.seqs(chat.id())).as("the client sees the gap and fetches seq 3 itself").containsExactly(4L);
    }

    @Test
    void eventsLostByTheFanoutAreRecoveredOnReconnect() {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = connect(router, bob);
        assertThat(heldPosts(chat, 2)).as("published, never handed over").hasSize(2);
        assertThat(bobs.received).isEmpty();

        app.fanout.reconnected();

        assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L);
        assertThat(router.replayedEvents()).isEqualTo(2);
    }

    @Test
    void anAddedUserStartsReceivingWithTheirMemberAddedEvent() {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada);
        RecordingSink bobs = connect(router, bob);
        assertThat(app.fanout.follows(bob.id())).isEqualTo(1);

        app.addMember.add(new AddMemberCommand(ada.id(), chat.id(), bob.id(), Role.MEMBER));
        post(ada, chat, "welcome bob");

        assertThat(bobs.received).extracting(ChatEvent::type).containsExactly(ChatEventType.MEMBER_ADDED, ChatEventType.MESSAGE_CREATED);
        assertThat(app.fanout.follows(chat.id())).as("the instance now follows the chat").isEqualTo(1);
    }

    @Test
    void aUserAddedWhileTheFanoutWasCutOffJoinsOnReconnectWithWhatTheyMissed() {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada);
        RecordingSink bobs = connect(router, bob);
        app.fanout.hold(); // cut off: what is published now never arrives
        app.addMember.add(new AddMemberCommand(ada.id(), chat.id(), bob.id(), Role.MEMBER)); // seq 2
        post(ada, chat, "while you were away");                                               // seq 3
        assertThat(app.fanout.follows(chat.id())).as("nothing told this instance").isZero();

        app.fanout.reconnected();

        assertThat(bobs.received).extracting(ChatEvent::type).containsExactly(ChatEventType.MEMBER_ADDED, ChatEventType.MESSAGE_CREATED);
        assertThat(bobs.seqs(chat.id())).containsExactly(2L, 3L);
        assertThat(app.fanout.follows(chat.id())).as("followed from now on").isEqualTo(1);
    }

    @Test
    void aUserAddedToAChatAlreadyStreamedHereGetsWhatTheyMissedAlone() {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada, cid);
        RecordingSink adas = connect(router, ada);
        RecordingSink bobs = connect(router, bob);
        app.fanout.hold();
        app.addMember.add(new AddMemberCommand(ada.id(), chat.id(), bob.id(), Role.MEMBER)); // seq 3, lost
        List<ChatEvent> later = heldPosts(chat, 2);                                           // seq 4, 5
        app.fanout.deliver(later.get(0)); // the fanout brings seq 4 only: ada's stream fills the gap itself...
        scheduler.advance(WINDOW);
        assertThat(adas.seqs(chat.id())).containsExactly(3L, 4L);
        assertThat(bobs.seqs(chat.id())).as("...and its member_added takes bob in").containsExactly(3L, 4L);

        app.fanout.reconnected();

        assertThat(adas.seqs(chat.id())).containsExactly(3L, 4L, 5L);
        assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L, 5L);
    }

    @Test
    void aRejoiningConnectionGetsAloneWhatTheChatsStreamDeliveredBeforeIt() {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada);
        RecordingSink bobs = connect(router, bob);
        app.fanout.hold();
        app.addMember.add(new AddMemberCommand(ada.id(), chat.id(), bob.id(), Role.MEMBER)); // seq 2, lost
        post(ada, chat, "before ada connects");                                               // seq 3, lost
        RecordingSink adas = connect(router, ada); // opens the chat's stream at seq 3: bob's join is behind it
        post(ada, chat, "after");                                                             // seq 4, lost

        app.fanout.reconnected();

        assertThat(bobs.seqs(chat.id())).containsExactly(2L, 3L, 4L);
        assertThat(adas.seqs(chat.id())).as("ada had 2 and 3 in her snapshot").containsExactly(4L);
    }

    @Test
    void aUserAddedAndRemovedWhileTheFanoutWasCutOffHearsNothingOfIt() {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada);
        Chat witness = app.chat(bob);
        RecordingSink bobs = connect(router, bob);
        app.fanout.hold();
        app.addMember.add(new AddMemberCommand(ada.id(), chat.id(), bob.id(), Role.MEMBER));
        app.removeMember.remove(ada.id(), chat.id(), bob.id());
        post(bob, witness, "the witness"); // caught up on reconnect, like anything bob should hear

        app.fanout.reconnected();

        assertThat(bobs.received).extracting(ChatEvent::chatId).containsExactly(witness.id());
        assertThat(app.fanout.follows(chat.id())).isZero();
    }

    @Test
    void anAddedUserGetsEventsThatOvertookTheirMemberAddedEvent() {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada);
        RecordingSink bobs = connect(router, bob);
        app.fanout.hold();
        app.addMember.add(new AddMemberCommand(ada.id(), chat.id(), bob.id(), Role.MEMBER)); // seq 2
        post(ada, chat, "right after");                                                       // seq 3
        List<ChatEvent> held = lastPublished(2);

        app.fanout.deliver(held.get(1)); // seq 3 first: nobody here listens to the chat yet, so it is dropped
        assertThat(router.activeChats()).as("no stream could have taken it").isZero();
        app.fanout.deliver(held.get(0)); // the member_added opens the stream, then storage supplies seq 3

        assertThat(bobs.seqs(chat.id())).containsExactly(2L, 3L);
        assertThat(router.replayedEvents()).isEqualTo(1);
    }

    @Test
    void aRemovedUserHearsOfItAndThenNothing() {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = connect(router, bob);
        RecordingSink adas = connect(router, ada);

        app.removeMember.remove(ada.id(), chat.id(), bob.id());
        post(ada, chat, "bob is gone");

        assertThat(adas.received).as("the witness").extracting(ChatEvent::type)
                .containsExactly(ChatEventType.MEMBER_REMOVED, ChatEventType.MESSAGE_CREATED);
        assertThat(bobs.received).extracting(ChatEvent::type).containsExactly(ChatEventType.MEMBER_REMOVED);
    }

    @Test
    void closingTheLastConnectionUnfollowsEverything() {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada, bob);
        Subscription first = router.subscribe(new RecordingSink(bob.id()));
        Subscription second = router.subscribe(new RecordingSink(bob.id()));
        assertThat(app.fanout.follows(chat.id())).isEqualTo(1);
        assertThat(router.activeChats()).isEqualTo(1);

        first.close();
        assertThat(app.fanout.follows(chat.id())).isEqualTo(1);
        second.close();
        second.close(); // closing twice is harmless

        assertThat(app.fanout.follows(chat.id())).isZero();
        assertThat(app.fanout.follows(bob.id())).isZero();
        assertThat(router.activeChats()).isZero();
    }

    @Test
    void aClosedConnectionReceivesNothing() {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada, bob);
        RecordingSink adas = connect(router, ada);
        RecordingSink bobs = new RecordingSink(bob.id());
        router.subscribe(bobs).close();

        post(ada, chat, "anyone?");

        assertThat(adas.seqs(chat.id())).as("the witness").containsExactly(3L);
        assertThat(bobs.received).isEmpty();
    }

    @Test
    void concurrentPostersReachEveryConnectionInOrderWithoutGaps() throws Exception {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada, bob, cid);
        List<RecordingSink> sinks = new ArrayList<>();
        for (User u : List.of(ada, bob, cid, bob)) {
            sinks.add(connect(router, u));
        }
        int posts = 300;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (int i = 0; i < posts; i++) {
            User author = List.of(ada, bob, cid).get(i % 3);
            pool.submit(() -> {
                start.await();
                post(author, chat, "x");
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

        // the fake fanout loses nothing: whatever overtook was released by what it overtook, without the window
        List<Long> expected = LongStream.rangeClosed(4, 3 + posts).boxed().toList();
        for (RecordingSink sink : sinks) {
            assertThat(sink.seqs(chat.id())).containsExactlyElementsOf(expected);
        }
        scheduler.advance(WINDOW);
        assertThat(router.gapFills()).isZero();
        for (RecordingSink sink : sinks) {
            assertThat(sink.seqs(chat.id())).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aConnectionOpenedDuringActivityMissesNothingAfterItsSnapshot() {
        LiveEventRouter router = router(WINDOW);
        Chat chat = app.chat(ada, bob);
        RecordingSink adas = connect(router, ada);
        app.fanout.hold();
        // committed but not yet delivered when bob connects: his snapshot already includes it
        app.store.apply(new PostText(chat.id(), ada.id(), new MessageId(UUID.randomUUID()), new MessageText("in flight"),
                                     Optional.empty(), app.clock.instant()));
        RecordingSink bobs = connect(router, bob);
        post(ada, chat, "after bob connected");
        app.fanout.deliver(app.fanout.published.getLast()); // seq 3 is never delivered: storage fills the gap

        scheduler.advance(WINDOW);

        assertThat(adas.seqs(chat.id())).containsExactly(3L, 4L);
        // bob joined a stream behind his snapshot, so he gets seq 3 too (clients ignore seqs they have)
        assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L);
    }

    @Test
    void aSubscriptionThatFailsHalfwayLeavesNothingBehind() {
        app.chat(ada, bob);
        LoadChatPositionsPort broken = user -> {
            throw new IllegalStateException("database down");
        };
        LiveEventRouter fragile = LiveEventRouter.create(app.fanout, broken, app.store, app.store, WINDOW, scheduler);
        assertThatThrownBy(() -> fragile.subscribe(new RecordingSink(bob.id()))).hasMessage("database down");
        assertThat(app.fanout.follows(bob.id())).as("the user follow was undone").isZero();
        assertThat(fragile.activeChats()).isZero();
    }

    @Test
    void reconnectCatchesUpManyChatsAtOnce() {
        LiveEventRouter router = router(WINDOW);
        List<Chat> chats = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            chats.add(app.chat(ada, bob));
        }
        RecordingSink bobs = connect(router, bob);
        app.fanout.hold();
        chats.forEach(c -> post(ada, c, "while cut off"));
        app.fanout.reconnected();
        for (Chat c : chats) {
            assertThat(bobs.seqs(c.id())).containsExactly(3L);
        }
    }

    private LiveEventRouter router(Duration window) {
        return router(app.store, window);
    }

    private LiveEventRouter router(LoadChatEventsPort events, Duration window) {
        return LiveEventRouter.create(app.fanout, app.store, app.store, events, window, scheduler);
    }

    private RecordingSink connect(LiveEventRouter router, User user) {
        RecordingSink sink = new RecordingSink(user.id());
        router.subscribe(sink);
        return sink;
    }

    /** Holds the fanout back and posts {@code count} messages to the chat: committed, published, not delivered. */
    private List<ChatEvent> heldPosts(Chat chat, int count) {
        app.fanout.hold();
        for (int i = 0; i < count; i++) {
            post(ada, chat, "m" + i);
        }
        return lastPublished(count);
    }

    private List<ChatEvent> lastPublished(int count) {
        List<ChatEvent> published = app.fanout.published;
        return List.copyOf(published.subList(published.size() - count, published.size()));
    }

    private void post(User author, Chat chat, String text) {
        app.postMessage.post(PostMessageCommand.of(author.id(), chat.id(), text, null));
    }
}
