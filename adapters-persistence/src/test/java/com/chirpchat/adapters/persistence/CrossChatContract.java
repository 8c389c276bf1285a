package com.chirpchat.adapters.persistence;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.chirpchat.adapters.persistence.ledger.ChatWriters;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.common.RuleViolationException;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.ledger.ChatChanges;
import com.chirpchat.domain.ledger.ChatWrite;
import com.chirpchat.domain.ledger.Concerns;
import com.chirpchat.domain.ledger.Outcome;
import com.chirpchat.domain.ledger.PostText;
import com.chirpchat.domain.ledger.Sent;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.Test;

import static com.chirpchat.adapters.persistence.GroupCommitContract.T0;
import static com.chirpchat.adapters.persistence.GroupCommitContract.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group commit across chats, the same on every database: chats that become ready while the writers are busy are
 * stored together, in one transaction, each chat's changes in arrival order and numbered on from its own seq. To
 * make such a transaction deterministically, the instance has one writer (a pool of one connection), which another
 * session's lock on a "gate" chat keeps waiting while changes to the other chats queue; then the gate opens.
 */
abstract class CrossChatContract extends DatabaseTestBase {
    JdbcStore instance(int poolSize) {
        return instance(Map.of("lock-timeout", "PT20S", "batch-size", "64", "batch-chats", "16",
                               "pool-size", String.valueOf(poolSize))).store();
    }

    /** A change to a chat, for {@link #queueBehindGate}. */
    record To<T>(Chat chat, Supplier<T> change) {
    }

    /**
     * Holds the gate chat, lets the store's only writer wait for it with a post, queues the changes in this order
     * (each chat ready behind the writer), and returns them with the gate's holder (roll it back to open the gate).
     */
    <T> Gated<T> queueBehindGate(JdbcStore store, Chat gate, User poster, int waitersBefore, List<To<T>> changes) throws Exception {
        Connection holder = holdChat(gate);
        Future<?> gatePost;
        List<Future<T>> queued = new ArrayList<>();
        try (Connection observer = database.connect()) {
            gatePost = threads.submit(() -> store.apply(post(gate, poster, "gate", null)));
            await().atMost(Duration.ofSeconds(20)).until(() -> lockWaiters(observer) == waitersBefore + 1);
            Map<ChatId, Integer> perChat = new HashMap<>();
            for (To<T> change : changes) {
                int ahead = perChat.merge(change.chat().id(), 1, Integer::sum);
                queued.add(threads.submit(change.change()::get));
                await().atMost(Duration.ofSeconds(20)).until(() -> store.queuedChanges(change.chat().id()) == ahead);
            }
        }
        assertThat(store.readyChats()).isEqualTo((int) changes.stream().map(c -> c.chat().id()).distinct().count());
        return new Gated<>(holder, gatePost, queued);
    }

    record Gated<T>(Connection holder, Future<?> gatePost, List<Future<T>> queued) {
        /** Opens the gate; returns when the gate's post is stored. */
        void open() throws Exception {
            holder.rollback();
            done(gatePost);
        }
    }

    static <T> To<T> to(Chat chat, Supplier<T> change) {
        return new To<>(chat, change);
    }

    @Test
    void writersBelowThePoolSizeLeaveChatsWaitingForTheBusyWriterAndTakeThemTogether() throws Exception {
        // four connections but one writer: with a writer per connection, the three free ones would take a, b and c
        JdbcStore store = instance(Map.of("lock-timeout", "PT20S", "batch-chats", "16", "pool-size", "4", "writers", "1")).store();
        User ada = StoreBehaviourTest.registered(store, "ada");
        Chat gate = StoreBehaviourTest.newChat(store, ada);
        Chat a = StoreBehaviourTest.newChat(store, ada);
        Chat b = StoreBehaviourTest.newChat(store, ada);
        Chat c = StoreBehaviourTest.newChat(store, ada);
        ChatWriters.Stats before = store.writeStats();
        Gated<Outcome.Accepted<Sent>> gated = queueBehindGate(store, gate, ada, 0, List.of(
                to(a, () -> store.apply(post(a, ada, "a0", null))), to(b, () -> store.apply(post(b, ada, "b0", null))),
                to(c, () -> store.apply(post(c, ada, "c0", null)))));
        assertThat(gated.queued()).noneMatch(Future::isDone);
        gated.open();
        for (Future<Outcome.Accepted<Sent>> f : gated.queued()) {
            done(f);
        }
        ChatWriters.Stats after = store.writeStats();
        assertThat(after.crossTransactions() - before.crossTransactions()).isEqualTo(1);
        assertThat(after.crossChats() - before.crossChats()).isEqualTo(3);
    }

    @Test
    void readyChatsAreOneTransactionEachNumberedOnFromItsOwnSeq() throws Exception {
        JdbcStore store = instance(1);
        User ada = StoreBehaviourTest.registered(store, "ada");
        Chat gate = StoreBehaviourTest.newChat(store, ada);
        Chat a = StoreBehaviourTest.newChat(store, ada);
        Chat b = StoreBehaviourTest.newChat(store, ada);
        Chat c = StoreBehaviourTest.newChat(store, ada);
        store.apply(post(b, ada, "before", null));
        ChatWriters.Stats before = store.writeStats();
        Gated<Outcome.Accepted<Sent>> gated = queueBehindGate(store, gate, ada, 0, List.of(
                to(a, () -> store.apply(post(a, ada, "a0", null))), to(b, () -> store.apply(post(b, ada, "b0", null))),
                to(a, () -> store.apply(post(a, ada, "a1", null))), to(c, () -> store.apply(post(c, ada, "c0", null))),
                to(b, () -> store.apply(post(b, ada, "b1", null))), to(a, () -> store.apply(post(a, ada, "a2", null)))));
        assertThat(gated.queued()).as("nothing is answered before its transaction commits").noneMatch(Future::isDone);
        long statementsBefore = store.statements();
        gated.open();
        List<Long> seqs = new ArrayList<>();
        for (Future<Outcome.Accepted<Sent>> f : gated.queued()) {
            seqs.add(done(f).result().message().seq());
        }
        long statementsAfter = store.statements();

        long a0 = a.lastSeq() + 1;
        long b0 = b.lastSeq() + 2;
        assertThat(seqs).containsExactly(a0, b0, a0 + 1, c.lastSeq() + 1, b0 + 1, a0 + 2);
        ChatWriters.Stats after = store.writeStats();
        assertThat(after.crossTransactions() - before.crossTransactions()).isEqualTo(1);
        assertThat(after.crossChats() - before.crossChats()).isEqualTo(3);
        assertThat(after.transactions() - before.transactions()).as("the gate's post, then the three chats together").isEqualTo(2);
        // the gate's post (its lock with the roles was sent before): message, event, bump; the three chats: one lock,
        // one read of the roles, one insert of the messages, one of the events, one bump
        assertThat(statementsAfter - statementsBefore).isEqualTo(3 + 5);
        assertLogsNumberedOneToLastSeq(store, a, b, c);
        assertThat(texts(store, a)).containsExactly("a2", "a1", "a0");
        assertThat(store.chat(a.id()).orElseThrow().lastSeq()).isEqualTo(a0 + 2);
        assertThat(store.chat(b.id()).orElseThrow().lastSeq()).isEqualTo(b0 + 1);
    }

    @Test
    void clientMessageIdsAreStoredOnceAcrossChatsInOneTransaction() throws Exception {
        JdbcStore store = instance(1);
        User ada = StoreBehaviourTest.registered(store, "ada");
        Chat gate = StoreBehaviourTest.newChat(store, ada);
        Chat a = StoreBehaviourTest.newChat(store, ada);
        Chat b = StoreBehaviourTest.newChat(store, ada);
        Message firstOfA = store.apply(post(a, ada, "first of a", "c-1")).result().message();
        Message firstOfB = store.apply(post(b, ada, "first of b", "c-1")).result().message();
        Gated<Outcome.Accepted<Sent>> gated = queueBehindGate(store, gate, ada, 0, List.of(
                to(a, () -> store.apply(post(a, ada, "first of a again", "c-1"))),
                to(b, () -> store.apply(post(b, ada, "first of b again", "c-1"))),
                to(a, () -> store.apply(post(a, ada, "second of a", "c-2"))),
                to(b, () -> store.apply(post(b, ada, "second of b", "c-2"))),
                to(a, () -> store.apply(post(a, ada, "second of a again", "c-2")))));
        long statementsBefore = store.statements();
        gated.open();
        List<Sent> sent = new ArrayList<>();
        for (Future<Outcome.Accepted<Sent>> f : gated.queued()) {
            sent.add(done(f).result());
        }
        long statementsAfter = store.statements();

        assertThat(sent.get(0).created()).isFalse();
        assertThat(sent.get(0).message()).isEqualTo(firstOfA);
        assertThat(sent.get(1).created()).isFalse();
        assertThat(sent.get(1).message()).isEqualTo(firstOfB);
        assertThat(sent.get(2).created()).isTrue();
        assertThat(sent.get(3).created()).as("the same client id in another chat is another message").isTrue();
        assertThat(sent.get(3).message().id()).isNotEqualTo(sent.get(2).message().id());
        assertThat(sent.get(4).created()).as("a retry in the same transaction finds the first").isFalse();
        assertThat(sent.get(4).message()).isEqualTo(sent.get(2).message());
        // the gate after its lock: 3; the two chats: lock, roles, ONE lookup of all four client keys, messages, events, bump
        assertThat(statementsAfter - statementsBefore).isEqualTo(3 + 6);
        assertThat(texts(store, a)).containsExactly("second of a", "first of a");
        assertThat(texts(store, b)).containsExactly("second of b", "first of b");
        for (Chat chat : List.of(a, b)) {
            assertThat(log(store, chat)).extracting(ChatEvent::seq).containsExactlyElementsOf(oneTo(chat.lastSeq() + 2));
        }
    }

    @Test
    void aRejectedChangeInOneChatFailsAloneAndTheOtherChatsAreStored() throws Exception {
        JdbcStore store = instance(1);
        User ada = StoreBehaviourTest.registered(store, "ada");
        User outsider = StoreBehaviourTest.registered(store, "outsider");
        Chat gate = StoreBehaviourTest.newChat(store, ada);
        Chat a = StoreBehaviourTest.newChat(store, ada);
        Chat b = StoreBehaviourTest.newChat(store, ada);
        Chat c = StoreBehaviourTest.newChat(store, ada);
        ChatWriters.Stats before = store.writeStats();
        PostText rejected = post(a, outsider, "let me in", null);
        Gated<Object> gated = queueBehindGate(store, gate, ada, 0, List.of(
                to(a, () -> store.apply(rejected)),
                to(b, () -> store.change(b.id(), Concerns.NONE, state -> {
                    throw new IllegalStateException("boom");
                })),
                to(a, () -> store.apply(post(a, ada, "a0", null))),
                to(b, () -> store.apply(post(b, ada, "b0", null))),
                to(c, () -> store.apply(post(c, ada, "c0", null)))));
        gated.open();

        assertThat(failure(gated.queued().get(0))).isInstanceOf(RuleViolationException.class);
        assertThat(failure(gated.queued().get(1))).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(seqOf(done(gated.queued().get(2)))).isEqualTo(a.lastSeq() + 1);
        assertThat(seqOf(done(gated.queued().get(3)))).isEqualTo(b.lastSeq() + 1);
        assertThat(seqOf(done(gated.queued().get(4)))).isEqualTo(c.lastSeq() + 1);
        assertThat(store.message(rejected.messageId())).isEmpty();
        ChatWriters.Stats after = store.writeStats();
        assertThat(after.crossTransactions() - before.crossTransactions()).isEqualTo(1);
        assertThat(after.crossChats() - before.crossChats()).isEqualTo(3);
        assertThat(after.crossSplits() - before.crossSplits()).isZero();
        for (Chat chat : List.of(a, b, c)) {
            assertThat(log(store, chat)).extracting(ChatEvent::seq).containsExactlyElementsOf(oneTo(chat.lastSeq() + 1));
        }
    }

    @Test
    void aChatLockedElsewhereIsPassedOverAndStoredAloneOnceFree() throws Exception {
        JdbcStore store = instance(1);
        User ada = StoreBehaviourTest.registered(store, "ada");
        Chat gate = StoreBehaviourTest.newChat(store, ada);
        Chat a = StoreBehaviourTest.newChat(store, ada);
        Chat b = StoreBehaviourTest.newChat(store, ada);
        Chat c = StoreBehaviourTest.newChat(store, ada);
        Connection otherInstance = holdChat(a);
        ChatWriters.Stats before = store.writeStats();
        Gated<Outcome.Accepted<Sent>> gated = queueBehindGate(store, gate, ada, 0, List.of(
                to(a, () -> store.apply(post(a, ada, "a0", null))), to(b, () -> store.apply(post(b, ada, "b0", null))),
                to(a, () -> store.apply(post(a, ada, "a1", null))), to(c, () -> store.apply(post(c, ada, "c0", null)))));
        gated.open();

        assertThat(seqOf(done(gated.queued().get(1)))).isEqualTo(b.lastSeq() + 1);
        assertThat(seqOf(done(gated.queued().get(3)))).isEqualTo(c.lastSeq() + 1);
        try (Connection observer = database.connect()) {
            // the writer tries the passed-over chat alone: it waits for its lock now
            await().atMost(Duration.ofSeconds(20)).until(() -> lockWaiters(observer) == 1);
        }
        assertThat(gated.queued().get(0)).isNotDone();
        assertThat(gated.queued().get(2)).isNotDone();
        ChatWriters.Stats skipping = store.writeStats();
        assertThat(skipping.crossTransactions() - before.crossTransactions()).isEqualTo(1);
        assertThat(skipping.crossChats() - before.crossChats()).isEqualTo(2);
        assertThat(skipping.crossSkipped() - before.crossSkipped()).isEqualTo(1);
        otherInstance.rollback();

        assertThat(seqOf(done(gated.queued().get(0)))).isEqualTo(a.lastSeq() + 1);
        assertThat(seqOf(done(gated.queued().get(2)))).isEqualTo(a.lastSeq() + 2);
        assertThat(store.writeStats().crossTransactions() - before.crossTransactions()).as("a alone").isEqualTo(1);
        assertLogsNumberedOneToLastSeq(store, a, b, c);
        assertThat(store.chat(a.id()).orElseThrow().lastSeq()).isEqualTo(a.lastSeq() + 2);
    }

    @Test
    void aTransactionTheStoreRefusesForOneChatIsStoredChatByChat() throws Exception {
        JdbcStore store = instance(1);
        User ada = StoreBehaviourTest.registered(store, "ada");
        Chat gate = StoreBehaviourTest.newChat(store, ada);
        Chat a = StoreBehaviourTest.newChat(store, ada);
        Chat b = StoreBehaviourTest.newChat(store, ada);
        Chat c = StoreBehaviourTest.newChat(store, ada);
        ChatWriters.Stats before = store.writeStats();
        Gated<Object> gated = queueBehindGate(store, gate, ada, 0, List.of(
                to(a, () -> store.apply(post(a, ada, "a0", null))),
                to(b, () -> store.apply(post(b, ada, "b0", null))),
                // the store refuses it (ada is a member already): the transaction is stored chat by chat, a's change by change
                to(a, () -> store.change(a.id(), Concerns.NONE, state -> new Outcome.Accepted<>(Boolean.TRUE, state,
                        ChatChanges.of(new ChatWrite.InsertMember(new Membership(ada.id(), Role.MEMBER), T0, state.lastSeq()))))),
                to(c, () -> store.apply(post(c, ada, "c0", null))),
                to(a, () -> store.apply(post(a, ada, "a1", null)))));
        gated.open();

        assertThat(seqOf(done(gated.queued().get(0)))).isEqualTo(a.lastSeq() + 1);
        assertThat(seqOf(done(gated.queued().get(1)))).isEqualTo(b.lastSeq() + 1);
        assertThat(failure(gated.queued().get(2))).isInstanceOf(IllegalStateException.class);
        assertThat(seqOf(done(gated.queued().get(3)))).isEqualTo(c.lastSeq() + 1);
        assertThat(seqOf(done(gated.queued().get(4)))).isEqualTo(a.lastSeq() + 2);
        ChatWriters.Stats after = store.writeStats();
        assertThat(after.crossSplits() - before.crossSplits()).isEqualTo(1);
        assertThat(after.splitBatches() - before.splitBatches()).as("a's batch, change by change").isEqualTo(1);
        assertThat(after.crossChats() - before.crossChats()).as("the refused transaction counts no chat").isZero();
        assertLogsNumberedOneToLastSeq(store, a, b, c);
        assertThat(texts(store, a)).containsExactly("a1", "a0");
    }

    @Test
    void postersOnTwoInstancesAcrossManyChatsLoseAndRepeatNothing() throws Exception {
        // few connections per instance, so chats queue up and share transactions; both instances lock the same rows
        JdbcStore one = instance(3);
        JdbcStore two = instance(3);
        User ada = StoreBehaviourTest.registered(one, "ada");
        int chatCount = 40;
        List<Chat> chats = new ArrayList<>();
        for (int i = 0; i < chatCount; i++) {
            chats.add(StoreBehaviourTest.newChat(one, ada));
        }
        int posters = 24;
        int each = 40;
        List<Future<List<Message>>> runs = new ArrayList<>();
        for (int p = 0; p < posters; p++) {
            JdbcStore store = p % 2 == 0 ? one : two;
            int poster = p;
            runs.add(threads.submit(() -> {
                List<Message> sent = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    Chat chat = chats.get(ThreadLocalRandom.current().nextInt(chatCount));
                    PostText post = post(chat, ada, poster + "/" + i, poster + "-" + i);
                    Message message = store.apply(post).result().message();
                    sent.add(message);
                    if (i % 7 == 0) { // a retry now and then, on the other instance: stored once
                        JdbcStore other = store == one ? two : one;
                        Sent again = other.apply(post(chat, ada, "again", poster + "-" + i)).result();
                        assertThat(again.created()).isFalse();
                        assertThat(again.message()).isEqualTo(message);
                    }
                }
                return sent;
            }));
        }
        Map<ChatId, List<Message>> sentTo = new HashMap<>();
        Set<MessageId> ids = new HashSet<>();
        for (Future<List<Message>> run : runs) {
            for (Message message : run.get(3, TimeUnit.MINUTES)) {
                assertThat(ids.add(message.id())).isTrue();
                sentTo.computeIfAbsent(message.chatId(), c -> new ArrayList<>()).add(message);
            }
        }
        assertThat(ids).hasSize(posters * each);
        for (Chat chat : chats) {
            List<Message> sent = sentTo.getOrDefault(chat.id(), List.of());
            long lastSeq = one.chat(chat.id()).orElseThrow().lastSeq();
            assertThat(lastSeq).isEqualTo(chat.lastSeq() + sent.size());
            List<ChatEvent> events = log(one, chat);
            assertThat(events).extracting(ChatEvent::seq).containsExactlyElementsOf(oneTo(lastSeq));
            assertThat(sent).extracting(Message::seq).doesNotHaveDuplicates();
            for (Message message : sent) {
                assertThat(events.get((int) message.seq() - 1).data()).isEqualTo(new EventData.MessageCreated(message));
            }
        }
        ChatWriters.Stats ofOne = one.writeStats();
        ChatWriters.Stats ofTwo = two.writeStats();
        assertThat(ofOne.crossTransactions() + ofTwo.crossTransactions()).as("chats shared transactions").isPositive();
        assertThat(ofOne.changes() + ofTwo.changes()).isGreaterThanOrEqualTo(posters * each);
    }
}
