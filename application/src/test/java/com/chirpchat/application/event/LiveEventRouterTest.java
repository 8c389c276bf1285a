package com.chirpchat.application.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import com.chirpchat.application.chat.AddMemberCommand;
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
import static org.awaitility.Awaitility.await;

class LiveEventRouterTest {
    private final TestApp app = new TestApp();
    private final LiveEventRouter router = LiveEventRouter.create(app.fanout, app.store, app.store, app.store);
    private final User ada = app.user("ada");
    private final User bob = app.user("bob");
    private final User cid = app.user("cid");

    @Test
    void aConnectionReceivesItsChatsEventsFromNowOn() {
        Chat chat = app.chat(ada, bob);
        Chat other = app.chat(cid);
        RecordingSink bobs = new RecordingSink(bob.id());
        router.subscribe(bobs);

        post(ada, chat, "hello");
        post(cid, other, "not for bob");
        post(bob, chat, "hi");

        assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L);
        assertThat(bobs.received).allMatch(e -> e.chatId().equals(chat.id()));
    }

    @Test
    void overtakenEventsAreDeliveredInOrderAndDuplicatesOnce() {
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = new RecordingSink(bob.id());
        router.subscribe(bobs);
        app.fanout.hold();
        for (int i = 0; i < 4; i++) {
            post(ada, chat, "m" + i); // seq 3..6, held back
        }
        List<ChatEvent> held = app.fanout.published.subList(app.fanout.published.size() - 4, app.fanout.published.size());

        app.fanout.deliver(held.get(2)); // seq 5 arrives first: 3 and 4 come from storage before it
        app.fanout.deliver(held.get(0));
        app.fanout.deliver(held.get(2));
        app.fanout.deliver(held.get(3));
        app.fanout.deliver(held.get(1));

        assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    void anOvertakingEventWaitsForTheOneItOvertookWithoutReadingStorage() {
        AtomicInteger reads = new AtomicInteger();
        LoadChatEventsPort counted = (chatId, after, limit) -> {
            reads.incrementAndGet();
            return app.store.eventsAfter(chatId, after, limit);
        };
        LiveEventRouter patient = LiveEventRouter.create(app.fanout, app.store, app.store, counted, Duration.ofSeconds(30));
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = new RecordingSink(bob.id());
        patient.subscribe(bobs);
        int readsAfterSubscribing = reads.get();
        app.fanout.hold();
        post(ada, chat, "first");  // seq 3
        post(ada, chat, "second"); // seq 4
        List<ChatEvent> held = List.copyOf(app.fanout.published.subList(app.fanout.published.size() - 2, app.fanout.published.size()));

        app.fanout.deliver(held.get(1));
        assertThat(bobs.seqs(chat.id())).as("seq 4 waits for seq 3").isEmpty();
        app.fanout.deliver(held.get(0));

        assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L);
        assertThat(reads.get()).as("no storage read").isEqualTo(readsAfterSubscribing);
        assertThat(patient.reorderedEvents()).isEqualTo(1);
        assertThat(patient.gapFills()).isZero();
    }

    @Test
    void anEventTheFanoutLostIsReadFromStorageWhenTheWindowCloses() {
        LiveEventRouter quick = LiveEventRouter.create(app.fanout, app.store, app.store, app.store, Duration.ofMillis(50));
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = new RecordingSink(bob.id());
        quick.subscribe(bobs);
        app.fanout.hold();
        post(ada, chat, "lost");  // seq 3, never delivered
        post(ada, chat, "found"); // seq 4
        app.fanout.deliver(app.fanout.published.getLast());
        assertThat(bobs.seqs(chat.id())).as("held within the window").isEmpty();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(
                () -> assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L));
        assertThat(quick.gapFills()).isEqualTo(1);
        assertThat(quick.replayedEvents()).isEqualTo(1);
    }

    @Test
    void withoutAReorderWindowAGapIsFilledFromStorageAtOnce() {
        LiveEventRouter eager = LiveEventRouter.create(app.fanout, app.store, app.store, app.store, Duration.ZERO);
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = new RecordingSink(bob.id());
        eager.subscribe(bobs);
        app.fanout.hold();
        post(ada, chat, "lost");
        post(ada, chat, "found");
        app.fanout.deliver(app.fanout.published.getLast());

        assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L);
        assertThat(eager.gapFills()).isEqualTo(1);
    }

    @Test
    void heldEventsAreDeliveredEvenWhenStorageCannotFillTheGap() {
        LoadChatEventsPort down = (chatId, after, limit) -> {
            throw new IllegalStateException("database down");
        };
        LiveEventRouter router = LiveEventRouter.create(app.fanout, app.store, app.store, down, Duration.ZERO);
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = new RecordingSink(bob.id());
        router.subscribe(bobs);
        app.fanout.hold();
        post(ada, chat, "lost");
        post(ada, chat, "found");
        app.fanout.deliver(app.fanout.published.getLast());

        assertThat(bobs.seqs(chat.id())).as("the client sees the gap and fetches seq 3 itself").containsExactly(4L);
    }

    @Test
    void eventsLostByTheFanoutAreRecoveredOnReconnect() {
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = new RecordingSink(bob.id());
        router.subscribe(bobs);
        app.fanout.hold();
        post(ada, chat, "lost 1");
        post(ada, chat, "lost 2");
        assertThat(bobs.received).isEmpty();

        app.fanout.reconnected();

        assertThat(bobs.seqs(chat.id())).containsExactly(3L, 4L);
    }

    @Test
    void anAddedUserStartsReceivingWithTheirMemberAddedEvent() {
        Chat chat = app.chat(ada);
        RecordingSink bobs = new RecordingSink(bob.id());
        router.subscribe(bobs);
        assertThat(app.fanout.follows(bob.id())).isEqualTo(1);

        app.addMember.add(new AddMemberCommand(ada.id(), chat.id(), bob.id(), Role.MEMBER));
        post(ada, chat, "welcome bob");

        assertThat(bobs.received).extracting(ChatEvent::type).containsExactly(ChatEventType.MEMBER_ADDED, ChatEventType.MESSAGE_CREATED);
        assertThat(app.fanout.follows(chat.id())).as("the instance now follows the chat").isEqualTo(1);
    }

    @Test
    void anAddedUserGetsEventsThatOvertookTheirMemberAddedEvent() {
        Chat chat = app.chat(ada);
        RecordingSink bobs = new RecordingSink(bob.id());
        router.subscribe(bobs);
        app.fanout.hold();
        app.addMember.add(new AddMemberCommand(ada.id(), chat.id(), bob.id(), Role.MEMBER)); // seq 2
        post(ada, chat, "right after");                                                       // seq 3
        List<ChatEvent> held = List.copyOf(app.fanout.published.subList(app.fanout.published.size() - 2, app.fanout.published.size()));

        app.fanout.deliver(held.get(1)); // seq 3 first: nobody here listens to the chat yet, so it is dropped
        app.fanout.deliver(held.get(0)); // the member_added opens the stream, then storage supplies seq 3

        assertThat(bobs.seqs(chat.id())).containsExactly(2L, 3L);
    }

    @Test
    void aRemovedUserHearsOfItAndThenNothing() {
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = new RecordingSink(bob.id());
        RecordingSink adas = new RecordingSink(ada.id());
        router.subscribe(bobs);
        router.subscribe(adas);

        app.removeMember.remove(ada.id(), chat.id(), bob.id());
        post(ada, chat, "bob is gone");

        assertThat(bobs.received).extracting(ChatEvent::type).containsExactly(ChatEventType.MEMBER_REMOVED);
        assertThat(adas.received).extracting(ChatEvent::type).containsExactly(ChatEventType.MEMBER_REMOVED, ChatEventType.MESSAGE_CREATED);
    }

    @Test
    void closingTheLastConnectionUnfollowsEverything() {
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
        Chat chat = app.chat(ada, bob);
        RecordingSink bobs = new RecordingSink(bob.id());
        router.subscribe(bobs).close();
        post(ada, chat, "anyone?");
        assertThat(bobs.received).isEmpty();
    }

    @Test
    void concurrentPostersReachEveryConnectionInOrderWithoutGaps() throws Exception {
        Chat chat = app.chat(ada, bob, cid);
        List<RecordingSink> sinks = new ArrayList<>();
        for (User u : List.of(ada, bob, cid, bob)) {
            RecordingSink sink = new RecordingSink(u.id());
            sinks.add(sink);
            router.subscribe(sink);
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        int posts = 300;
        for (int i = 0; i < posts; i++) {
            User author = List.of(ada, bob, cid).get(i % 3);
            pool.submit(() -> post(author, chat, "x"));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

        List<Long> expected = LongStream.rangeClosed(4, 3 + posts).boxed().toList();
        for (RecordingSink sink : sinks) {
            assertThat(sink.seqs(chat.id())).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aConnectionOpenedDuringActivityMissesNothingAfterItsSnapshot() {
        Chat chat = app.chat(ada, bob);
        RecordingSink adas = new RecordingSink(ada.id());
        router.subscribe(adas);
        app.fanout.hold();
        // committed but not yet delivered when bob connects: his snapshot already includes it
        app.store.apply(new PostText(chat.id(), ada.id(), new MessageId(UUID.randomUUID()), new MessageText("in flight"),
                                     Optional.empty(), app.clock.instant()));
        RecordingSink bobs = new RecordingSink(bob.id());
        router.subscribe(bobs);
        post(ada, chat, "after bob connected");
        app.fanout.deliver(app.fanout.published.getLast()); // seq 3 is never delivered: storage fills the gap

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(bobs.seqs(chat.id())).endsWith(4L);
            assertThat(adas.seqs(chat.id())).containsExactly(3L, 4L);
        });
    }

    @Test
    void aSubscriptionThatFailsHalfwayLeavesNothingBehind() {
        app.chat(ada, bob);
        LoadChatPositionsPort broken = user -> {
            throw new IllegalStateException("database down");
        };
        LiveEventRouter fragile = LiveEventRouter.create(app.fanout, broken, app.store, app.store);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fragile.subscribe(new RecordingSink(bob.id())))
                .hasMessage("database down");
        assertThat(app.fanout.follows(bob.id())).as("the user follow was undone").isZero();
        assertThat(fragile.activeChats()).isZero();
    }

    @Test
    void reconnectCatchesUpManyChatsAtOnce() {
        List<Chat> chats = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            chats.add(app.chat(ada, bob));
        }
        RecordingSink bobs = new RecordingSink(bob.id());
        router.subscribe(bobs);
        app.fanout.hold();
        chats.forEach(c -> post(ada, c, "while cut off"));
        app.fanout.reconnected();
        for (Chat c : chats) {
            assertThat(bobs.seqs(c.id())).containsExactly(3L);
        }
    }

    private void post(User author, Chat chat, String text) {
        app.postMessage.post(PostMessageCommand.of(author.id(), chat.id(), text, null));
    }
}
