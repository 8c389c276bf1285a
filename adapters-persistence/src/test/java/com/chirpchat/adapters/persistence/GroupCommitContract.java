package com.chirpchat.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import com.chirpchat.adapters.persistence.ledger.ChatWriters;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.common.RuleViolationException;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.ledger.AddMember;
import com.chirpchat.domain.ledger.ChatChanges;
import com.chirpchat.domain.ledger.ChatWrite;
import com.chirpchat.domain.ledger.Concerns;
import com.chirpchat.domain.ledger.Outcome;
import com.chirpchat.domain.ledger.PostText;
import com.chirpchat.domain.ledger.RemoveMember;
import com.chirpchat.domain.ledger.Sent;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group commit, the same on every database: changes to one chat that queue while its writer is at the database are
 * stored together in one transaction, in the order they arrived, each answered as if alone. To make a batch
 * deterministically, another session holds the chat's row lock while the writer waits for it and the changes queue
 * one by one behind it (each test waits until the writer has it queued); then the lock is let go.
 */
abstract class GroupCommitContract extends DatabaseTestBase {
    static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");

    JdbcStore instance() {
        return instance(Map.of("lock-timeout", "PT20S", "batch-size", "64")).store();
    }

    /**
     * The changes, queued in this order on {@code store} behind its writer, which waits for the held chat (with
     * {@code waitersBefore} other sessions waiting for locks already).
     */
    <T> List<Future<T>> queueBehindHeldLock(JdbcStore store, Chat chat, int waitersBefore, List<Supplier<T>> changes)
            throws SQLException {
        List<Future<T>> queued = new ArrayList<>();
        try (Connection observer = database.connect()) {
            queued.add(threads.submit(changes.getFirst()::get));
            await().atMost(Duration.ofSeconds(20)).until(() -> lockWaiters(observer) == waitersBefore + 1);
            for (int i = 1; i < changes.size(); i++) {
                int ahead = i;
                queued.add(threads.submit(changes.get(i)::get));
                await().atMost(Duration.ofSeconds(20)).until(() -> store.queuedChanges(chat.id()) == ahead);
            }
        }
        return queued;
    }

    static PostText post(Chat chat, User author, String text, String clientId) {
        return new PostText(chat.id(), author.id(), new MessageId(UUID.randomUUID()), new MessageText(text),
                            Optional.ofNullable(clientId).map(ClientMessageId::new), T0);
    }

    @Test
    void changesQueuedWhileTheWriterIsBusyAreOneTransactionInArrivalOrder() throws Exception {
        JdbcStore store = instance();
        User ada = StoreBehaviourTest.registered(store, "ada");
        Chat chat = StoreBehaviourTest.newChat(store, ada);
        Connection holder = holdChat(chat);
        ChatWriters.Stats before = store.writeStats();
        List<Supplier<Outcome.Accepted<Sent>>> posts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            PostText post = post(chat, ada, "m" + i, "c-" + i);
            posts.add(() -> store.apply(post));
        }
        List<Future<Outcome.Accepted<Sent>>> queued = queueBehindHeldLock(store, chat, 0, posts);
        assertThat(queued).as("nothing is answered before its batch commits").noneMatch(Future::isDone);
        long statementsBefore = store.statements();
        holder.rollback();
        for (Future<Outcome.Accepted<Sent>> post : queued) {
            done(post);
        }
        long statementsAfter = store.statements();

        for (int i = 0; i < queued.size(); i++) {
            Sent sent = done(queued.get(i)).result();
            assertThat(sent.created()).isTrue();
            assertThat(sent.message().seq()).as("post %d", i).isEqualTo(chat.lastSeq() + 1 + i);
            assertThat(sent.message().text().orElseThrow().value()).isEqualTo("m" + i);
            assertThat(store.message(sent.message().id())).hasValue(sent.message());
        }
        ChatWriters.Stats after = store.writeStats();
        assertThat(after.batches() - before.batches()).as("the first alone, the eleven queued behind it together").isEqualTo(2);
        // the first's lock (which reads its roles too) was sent before; then its client key, messages, events, bump,
        // and for the eleven: lock with roles, client keys, one insert of the messages, one of the events, one bump
        assertThat(statementsAfter - statementsBefore).isEqualTo(4 + 5);
        assertThat(after.changes() - before.changes()).isEqualTo(12);
        assertThat(log(store, chat)).extracting(ChatEvent::seq)
                .containsExactlyElementsOf(oneTo(chat.lastSeq() + 12));
        assertThat(store.chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(chat.lastSeq() + 12);
    }

    @Test
    void aPostReadsItsAuthorsRoleWithTheLock() {
        JdbcStore store = instance();
        User ada = StoreBehaviourTest.registered(store, "ada");
        User outsider = StoreBehaviourTest.registered(store, "outsider");
        Chat chat = StoreBehaviourTest.newChat(store, ada);
        store.apply(post(chat, ada, "warm", "c-0"));

        long before = store.statements();
        store.apply(post(chat, ada, "with a client id", "c-1"));
        // lock with the author's role, client key, message, event, bump (it was six: the role was a statement of its own)
        assertThat(store.statements() - before).isEqualTo(5);
        before = store.statements();
        store.apply(post(chat, ada, "without", null));
        assertThat(store.statements() - before).isEqualTo(4);

        before = store.statements();
        PostText refused = post(chat, outsider, "let me in", null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.apply(refused)).isInstanceOf(RuleViolationException.class);
        assertThat(store.statements() - before).as("refused on the role the lock read: nothing else asked").isEqualTo(1);
        assertThat(store.message(refused.messageId())).isEmpty();
    }

    /**
     * Another instance removes the author while this instance's post waits for the chat's lock. On PostgreSQL the
     * waiting statement gets the row as the remover committed it but would read the members as of its own start,
     * so the roles read with the lock are not trusted then: the post must see the removal and be refused.
     */
    @Test
    void aMemberRemovedWhileTheirPostWaitsForTheLockIsRefused() throws Exception {
        JdbcStore store = instance();
        User ada = StoreBehaviourTest.registered(store, "ada");
        User bob = StoreBehaviourTest.registered(store, "bob");
        Chat chat = StoreBehaviourTest.newChat(store, ada);
        store.apply(new AddMember(chat.id(), ada.id(), new Membership(bob.id(), Role.MEMBER), true, T0));
        long seq = store.chat(chat.id()).orElseThrow().lastSeq();
        Connection remover = holdChat(chat);
        PostText late = post(chat, bob, "am I still in?", null);
        List<Future<Outcome.Accepted<Sent>>> queued = queueBehindHeldLock(store, chat, 0, List.of(() -> store.apply(late)));
        try (PreparedStatement remove = remover.prepareStatement("DELETE FROM chat_members WHERE chat_id = ? AND user_id = ?");
             PreparedStatement bump = remover.prepareStatement("UPDATE chats SET last_seq = ? WHERE id = ?")) {
            remove.setObject(1, chat.id().value());
            remove.setObject(2, bob.id().value());
            assertThat(remove.executeUpdate()).isEqualTo(1);
            bump.setLong(1, seq + 1); // a membership change always commits with a seq bump (its event)
            bump.setObject(2, chat.id().value());
            assertThat(bump.executeUpdate()).isEqualTo(1);
        }
        remover.commit();

        assertThat(failure(queued.getFirst())).isInstanceOf(RuleViolationException.class);
        assertThat(store.message(late.messageId())).isEmpty();
        assertThat(store.chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(seq + 1);
    }

    /** The roles read with the lock are trusted because a change to the members always moves the seq. */
    @Test
    void aChangeToTheMembersWithoutAnEventIsRefused() {
        JdbcStore store = instance();
        User ada = StoreBehaviourTest.registered(store, "ada");
        User bob = StoreBehaviourTest.registered(store, "bob");
        Chat chat = StoreBehaviourTest.newChat(store, ada);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.change(chat.id(), Concerns.NONE, state -> new Outcome.Accepted<>(
                        Boolean.TRUE, state, ChatChanges.of(new ChatWrite.InsertMember(new Membership(bob.id(), Role.MEMBER), T0, state.lastSeq())))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("brings no event");
        assertThat(store.roleOf(chat.id(), bob.id())).isEmpty();
        assertThat(store.chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(chat.lastSeq());
    }

    @Test
    void aClientMessageIdIsStoredOnceInsideABatchAndAcrossBatches() throws Exception {
        JdbcStore store = instance();
        User ada = StoreBehaviourTest.registered(store, "ada");
        Chat chat = StoreBehaviourTest.newChat(store, ada);
        Message first = store.apply(post(chat, ada, "first", "c-1")).result().message();
        Connection holder = holdChat(chat);
        PostText retryOfFirst = post(chat, ada, "first again", "c-1");
        PostText second = post(chat, ada, "second", "c-2");
        PostText retryOfSecond = post(chat, ada, "second again", "c-2");
        PostText third = post(chat, ada, "third", "c-3");
        List<Future<Outcome.Accepted<Sent>>> queued = queueBehindHeldLock(store, chat, 0, List.of(
                () -> store.apply(post(chat, ada, "opener", null)), () -> store.apply(retryOfFirst),
                () -> store.apply(second), () -> store.apply(retryOfSecond), () -> store.apply(third)));
        holder.rollback();

        long opener = done(queued.get(0)).result().message().seq();
        Sent acrossBatches = done(queued.get(1)).result();
        assertThat(acrossBatches.created()).isFalse();
        assertThat(acrossBatches.message()).isEqualTo(first);
        Sent secondSent = done(queued.get(2)).result();
        assertThat(secondSent.created()).isTrue();
        assertThat(secondSent.message().seq()).isEqualTo(opener + 1);
        Sent inBatch = done(queued.get(3)).result();
        assertThat(inBatch.created()).as("a retry in the same batch finds the first").isFalse();
        assertThat(inBatch.message()).isEqualTo(secondSent.message());
        assertThat(done(queued.get(4)).result().message().seq()).isEqualTo(opener + 2);
        assertThat(texts(store, chat)).containsExactly("third", "second", "opener", "first");
        assertThat(log(store, chat)).extracting(ChatEvent::seq)
                .containsExactlyElementsOf(oneTo(opener + 2));
    }

    @Test
    void theCommittedHookRunsOnTheWriterForEachStoredChangeInCommitOrderBeforeAnyoneIsAnswered() throws Exception {
        JdbcStore store = instance();
        User ada = StoreBehaviourTest.registered(store, "ada");
        User outsider = StoreBehaviourTest.registered(store, "outsider");
        Chat chat = StoreBehaviourTest.newChat(store, ada);
        Connection holder = holdChat(chat);
        record Heard(long seq, String thread, long answeredThen) {
        }
        List<Heard> heard = new CopyOnWriteArrayList<>();
        AtomicReference<List<Future<Object>>> queuedRef = new AtomicReference<>(List.of());
        Consumer<Outcome.Accepted<Sent>> hook = accepted -> heard.add(new Heard(
                accepted.result().message().seq(), Thread.currentThread().getName(),
                queuedRef.get().stream().skip(1).filter(Future::isDone).count()));
        PostText rejected = post(chat, outsider, "let me in", null);
        List<Future<Object>> queued = queueBehindHeldLock(store, chat, 0, List.of(
                () -> store.apply(post(chat, ada, "opener", null), hook),
                () -> store.apply(post(chat, ada, "one", null), hook),
                () -> store.apply(rejected, hook), // refused by the domain: nothing stored, no hook
                () -> store.apply(post(chat, ada, "two", null), accepted -> {
                    hook.accept(accepted);
                    throw new IllegalStateException("a hook that fails"); // logged; the post is stored all the same
                }),
                () -> store.apply(post(chat, ada, "three", null), hook),
                () -> store.apply(post(chat, ada, "four", null), hook)));
        queuedRef.set(queued);
        String caller = Thread.currentThread().getName();
        holder.rollback();

        long opener = seqOf(done(queued.get(0)));
        assertThat(failure(queued.get(2))).isInstanceOf(RuleViolationException.class);
        List<Long> stored = List.of(opener, seqOf(done(queued.get(1))), seqOf(done(queued.get(3))),
                                    seqOf(done(queued.get(4))), seqOf(done(queued.get(5))));
        assertThat(stored).containsExactlyElementsOf(LongStream.rangeClosed(opener, opener + 4).boxed().toList());
        assertThat(heard).extracting(Heard::seq).as("once per stored change, in commit order").containsExactlyElementsOf(stored);
        assertThat(heard).extracting(Heard::thread).allMatch(name -> name.startsWith("chirpchat-writer-"))
                .doesNotContain(caller);
        assertThat(heard.subList(1, heard.size())).extracting(Heard::answeredThen)
                .as("the batch's hooks all ran before any of its callers was answered").containsOnly(0L);
        assertThat(texts(store, chat)).containsExactly("four", "three", "two", "one", "opener");
    }

    @Test
    void aFailingChangeFailsAloneAndItsBatchMatesAreStored() throws Exception {
        JdbcStore store = instance();
        User ada = StoreBehaviourTest.registered(store, "ada");
        User outsider = StoreBehaviourTest.registered(store, "outsider");
        Chat chat = StoreBehaviourTest.newChat(store, ada);
        Connection holder = holdChat(chat);
        ChatWriters.Stats before = store.writeStats();
        PostText rejected = post(chat, outsider, "let me in", null);
        List<Future<Object>> queued = queueBehindHeldLock(store, chat, 0, List.of(
                () -> store.apply(post(chat, ada, "opener", null)),
                () -> store.apply(post(chat, ada, "one", null)),
                () -> store.apply(rejected), // the domain rejects it: decided, nothing to store
                () -> store.change(chat.id(), Concerns.NONE, state -> { // its decision throws
                    throw new IllegalStateException("boom");
                }),
                () -> store.apply(post(chat, ada, "two", null)),
                // the store refuses it (ada is a member already): the batch is stored change by change
                () -> store.change(chat.id(), Concerns.NONE, state -> new Outcome.Accepted<>(Boolean.TRUE, state,
                        ChatChanges.of(new ChatWrite.InsertMember(new Membership(ada.id(), Role.MEMBER), T0, state.lastSeq())))),
                () -> store.apply(post(chat, ada, "three", null))));
        holder.rollback();

        long opener = seqOf(done(queued.get(0)));
        assertThat(seqOf(done(queued.get(1)))).isEqualTo(opener + 1);
        assertThat(failure(queued.get(2))).isInstanceOf(RuleViolationException.class);
        assertThat(failure(queued.get(3))).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(seqOf(done(queued.get(4)))).isEqualTo(opener + 2);
        assertThat(failure(queued.get(5))).isInstanceOf(IllegalStateException.class);
        assertThat(seqOf(done(queued.get(6)))).isEqualTo(opener + 3);
        assertThat(texts(store, chat)).containsExactly("three", "two", "one", "opener");
        assertThat(store.message(rejected.messageId())).isEmpty();
        assertThat(log(store, chat)).extracting(ChatEvent::seq)
                .containsExactlyElementsOf(oneTo(opener + 3));
        assertThat(store.writeStats().splitBatches() - before.splitBatches()).isEqualTo(1);
    }

    @Test
    void membershipChangesAndPostsInOneBatchApplyInOrder() throws Exception {
        JdbcStore store = instance();
        User ada = StoreBehaviourTest.registered(store, "ada");
        User bob = StoreBehaviourTest.registered(store, "bob");
        Chat chat = StoreBehaviourTest.newChat(store, ada);
        Connection holder = holdChat(chat);
        ChatWriters.Stats before = store.writeStats();
        List<Future<Object>> queued = queueBehindHeldLock(store, chat, 0, List.of(
                () -> store.apply(post(chat, ada, "opener", null)),
                () -> store.apply(post(chat, bob, "too early", null)),
                () -> store.apply(new AddMember(chat.id(), ada.id(), new Membership(bob.id(), Role.MEMBER), true, T0)),
                () -> store.apply(post(chat, bob, "hi, I'm in", null)),
                () -> store.apply(new RemoveMember(chat.id(), ada.id(), bob.id(), T0)),
                () -> store.apply(post(chat, bob, "too late", null))));
        holder.rollback();

        long opener = seqOf(done(queued.get(0)));
        assertThat(failure(queued.get(1))).isInstanceOf(RuleViolationException.class);
        assertThat(done(queued.get(2))).isInstanceOfSatisfying(Outcome.Accepted.class,
                a -> assertThat(a.result()).isEqualTo(new Membership(bob.id(), Role.MEMBER)));
        assertThat(seqOf(done(queued.get(3)))).isEqualTo(opener + 2);
        done(queued.get(4));
        assertThat(failure(queued.get(5))).isInstanceOf(RuleViolationException.class);
        assertThat(log(store, chat)).filteredOn(e -> e.seq() > opener).extracting(e -> e.data().getClass().getSimpleName())
                .containsExactly("MemberAdded", "MessageCreated", "MemberRemoved");
        assertThat(store.roleOf(chat.id(), bob.id())).isEmpty();
        assertThat(store.writeStats().batches() - before.batches()).isEqualTo(2);
        assertThat(store.writeStats().splitBatches() - before.splitBatches()).isZero();
    }

    @Test
    void twoInstancesBatchingOneChatTakeTurnsAtItsLock() throws Exception {
        JdbcStore one = instance();
        JdbcStore two = instance();
        User ada = StoreBehaviourTest.registered(one, "ada");
        Chat chat = StoreBehaviourTest.newChat(one, ada);
        Connection holder = holdChat(chat);
        List<Future<Outcome.Accepted<Sent>>> ofOne = queueBehindHeldLock(one, chat, 0, posts(one, chat, ada, "one", 6));
        List<Future<Outcome.Accepted<Sent>>> ofTwo = queueBehindHeldLock(two, chat, 1, posts(two, chat, ada, "two", 6));
        holder.rollback();

        List<Long> seqsOfOne = seqs(ofOne);
        List<Long> seqsOfTwo = seqs(ofTwo);
        List<Long> all = new ArrayList<>(seqsOfOne);
        all.addAll(seqsOfTwo);
        assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(chat.lastSeq() + 1, chat.lastSeq() + 12).boxed().toList());
        // each instance's queued five are one batch: consecutive seqs, in their arrival order
        for (List<Long> seqs : List.of(seqsOfOne, seqsOfTwo)) {
            assertThat(seqs.subList(1, 6)).isEqualTo(LongStream.range(seqs.get(1), seqs.get(1) + 5).boxed().toList());
        }
        assertThat(log(one, chat)).extracting(ChatEvent::seq)
                .containsExactlyElementsOf(oneTo(chat.lastSeq() + 12));
        assertThat(log(two, chat)).filteredOn(e -> e.data() instanceof EventData.MessageCreated).hasSize(12);
    }

    @Test
    void concurrentPostersOnTwoInstancesGetGapFreeSeqsInCommitOrder() throws Exception {
        JdbcStore one = instance();
        JdbcStore two = instance();
        User ada = StoreBehaviourTest.registered(one, "ada");
        Chat chat = StoreBehaviourTest.newChat(one, ada);
        int posters = 16;
        int each = 25;
        List<Future<List<Message>>> runs = new ArrayList<>();
        for (int p = 0; p < posters; p++) {
            JdbcStore store = p % 2 == 0 ? one : two;
            int poster = p;
            runs.add(threads.submit(() -> {
                List<Message> sent = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    PostText post = post(chat, ada, poster + "/" + i, poster + "-" + i);
                    sent.add(store.apply(post).result().message());
                    if (i % 5 == 0) { // a retry now and then, stored once
                        assertThat(store.apply(post(chat, ada, "again", poster + "-" + i)).result().message()).isEqualTo(sent.getLast());
                    }
                }
                return sent;
            }));
        }
        List<Message> all = new ArrayList<>();
        for (Future<List<Message>> run : runs) {
            List<Message> sent = run.get(2, TimeUnit.MINUTES);
            assertThat(sent).extracting(Message::seq).isSorted();
            all.addAll(sent);
        }
        int total = posters * each;
        assertThat(all).extracting(Message::seq)
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(chat.lastSeq() + 1, chat.lastSeq() + total).boxed().toList());
        List<ChatEvent> log = log(one, chat);
        assertThat(log).extracting(ChatEvent::seq).containsExactlyElementsOf(oneTo(chat.lastSeq() + total));
        for (Message message : all) {
            assertThat(log.get((int) message.seq() - 1).data()).isEqualTo(new EventData.MessageCreated(message));
        }
        assertThat(one.writeStats().changes() + two.writeStats().changes()).isGreaterThanOrEqualTo(total);
    }

    private static List<Supplier<Outcome.Accepted<Sent>>> posts(JdbcStore store, Chat chat, User author, String prefix, int n) {
        List<Supplier<Outcome.Accepted<Sent>>> posts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PostText post = post(chat, author, prefix + i, null);
            posts.add(() -> store.apply(post));
        }
        return posts;
    }

    private static List<Long> seqs(List<Future<Outcome.Accepted<Sent>>> futures) throws Exception {
        List<Long> seqs = new ArrayList<>();
        for (Future<Outcome.Accepted<Sent>> f : futures) {
            seqs.add(done(f).result().message().seq());
        }
        return seqs;
    }
}
