package com.chirpchat.application.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.event.ChatPosition;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.ChatTitle;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.chat.Roster;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.ChatEventType;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.common.RuleViolationException;
import com.chirpchat.domain.ledger.AddMember;
import com.chirpchat.domain.ledger.ChangeRole;
import com.chirpchat.domain.ledger.ChatChanges;
import com.chirpchat.domain.ledger.ChatCommand;
import com.chirpchat.domain.ledger.ChatState;
import com.chirpchat.domain.ledger.ChatWrite;
import com.chirpchat.domain.ledger.Concerns;
import com.chirpchat.domain.ledger.DeleteMessage;
import com.chirpchat.domain.ledger.FoundedChat;
import com.chirpchat.domain.ledger.Outcome;
import com.chirpchat.domain.ledger.PostText;
import com.chirpchat.domain.ledger.RemoveMember;
import com.chirpchat.domain.message.ClientKey;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.DisplayName;
import com.chirpchat.domain.user.User;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.domain.user.Username;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every store must do, whatever it is built on. Extend it once per store (the in-memory fake, the
 * embedded database, PostgreSQL); {@link #store()} must give a store in which the names used here are free
 * (a fresh, empty store is simplest). Changes are decided by the domain, as the use cases do it, or written by
 * hand where the test is about what the store does with what it is given.
 */
public abstract class StoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");

    protected StorePorts store;

    /** A store to run the contract against. */
    protected abstract StorePorts store();

    @BeforeEach
    void openStore() {
        store = store();
    }

    @Test
    void usersAreStoredOnceByUsername() {
        User ada = user("ada");
        assertThat(store.createUser().create(ada, "hash-1", T0)).isTrue();
        User impostor = new User(new UserId(UUID.randomUUID()), ada.username(), new DisplayName("Impostor"));
        assertThat(store.createUser().create(impostor, "hash-2", T0)).isFalse();

        assertThat(store.loadUser().byId(ada.id())).hasValue(ada);
        assertThat(store.loadUser().byUsername(ada.username())).hasValue(ada);
        assertThat(store.loadUser().credentials(ada.username()).orElseThrow().passwordHash()).isEqualTo("hash-1");
        assertThat(store.loadUser().byId(impostor.id())).isEmpty();
        assertThat(store.loadUser().byUsername(new Username(unique("nobody")))).isEmpty();
        assertThat(store.loadUser().existing(List.of(ada.id(), impostor.id()))).containsExactly(ada.id());
        assertThat(store.loadUser().existing(List.of())).isEmpty();
    }

    @Test
    void aNewChatIsStoredWithItsMembersEventsAsNumbered() {
        User owner = registered("owner");
        User member = registered("member");
        User outsider = registered("outsider");
        FoundedChat founded = newChat(owner, member);
        Chat chat = founded.chat();

        List<ChatEvent> events = store.loadEvents().eventsAfter(chat.id(), 0, 100);
        assertThat(events).containsExactlyElementsOf(founded.changes().events());
        assertThat(events).extracting(ChatEvent::seq).containsExactly(1L, 2L);
        assertThat(events.get(0).data()).isEqualTo(new EventData.MemberAdded(owner.id(), Role.OWNER));
        assertThat(events.get(1).data()).isEqualTo(new EventData.MemberAdded(member.id(), Role.MEMBER));

        Chat loaded = store.loadChat().chat(chat.id()).orElseThrow();
        assertThat(loaded).isEqualTo(chat);
        assertThat(loaded.members()).containsExactly(new Membership(owner.id(), Role.OWNER), new Membership(member.id(), Role.MEMBER));
        assertThat(loaded.createdAt()).isEqualTo(T0);
        assertThat(loaded.lastSeq()).isEqualTo(2);
        assertThat(store.memberships().roleOf(chat.id(), member.id())).hasValue(Role.MEMBER);
        assertThat(store.memberships().rosterFor(chat.id(), member.id()).orElseThrow().roleOf(member.id())).hasValue(Role.MEMBER);
        Roster outside = store.memberships().rosterFor(chat.id(), outsider.id()).orElseThrow();
        assertThat(outside.roleOf(outsider.id())).isEmpty();
        assertThatThrownBy(() -> outside.roleOf(member.id())).as("only the user asked about").isInstanceOf(IllegalStateException.class);
        assertThat(store.memberships().rosterFor(new ChatId(UUID.randomUUID()), owner.id())).isEmpty();
        assertThat(store.loadChat().chat(new ChatId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void aUserSeesTheirChatsAndPositions() {
        User ada = registered("ada");
        User bob = registered("bob");
        Chat both = newChat(ada, bob).chat();
        Chat adaOnly = newChat(ada).chat();

        assertThat(store.loadChat().chatsOf(ada.id())).extracting(Chat::id).containsExactlyInAnyOrder(both.id(), adaOnly.id());
        assertThat(store.loadChat().chatsOf(bob.id())).extracting(Chat::id).containsExactly(both.id());
        assertThat(store.positions().positionsOf(bob.id())).containsExactly(new ChatPosition(both.id(), 2, 2));
        // a later joiner's part of the chat begins with their member_added
        User cy = registered("cy");
        apply(new AddMember(both.id(), ada.id(), new Membership(cy.id(), Role.MEMBER), true, T0));
        post(both, ada, "after cy joined", Optional.empty(), T0);
        assertThat(store.positions().positionsOf(cy.id())).containsExactly(new ChatPosition(both.id(), 4, 3));
    }

    @Test
    void theNewestSeqsOfManyChatsComeInOneAnswer() {
        User ada = registered("ada");
        User bob = registered("bob");
        Chat quiet = newChat(ada).chat();
        Chat busy = newChat(ada, bob).chat();
        post(busy, ada, "one", Optional.empty(), T0);
        post(busy, bob, "two", Optional.empty(), T0);
        List<ChatId> asked = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            asked.add(new ChatId(UUID.randomUUID())); // unknown chats are left out, however many are asked
        }
        asked.add(600, quiet.id());
        asked.add(busy.id());

        assertThat(store.heads().lastSeqs(asked)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                quiet.id(), quiet.lastSeq(), busy.id(), busy.lastSeq() + 2));
        assertThat(store.heads().lastSeqs(List.of())).isEmpty();
    }

    @Test
    void theStateOfAChangeHoldsExactlyWhatItConcerns() {
        User ada = registered("ada");
        User bob = registered("bob");
        User eve = registered("eve");
        Chat chat = newChat(ada, bob).chat();
        Chat other = newChat(eve).chat();
        Message hello = post(chat, bob, "hello", Optional.of("c-1"), T0);
        Message elsewhere = post(other, eve, "elsewhere", Optional.of("c-1"), T0);
        String seen = "seen-" + UUID.randomUUID();
        String unseen = "unseen-" + UUID.randomUUID();
        write(chat.id(), new ChatWrite.RecordNotification(seen, T0));
        MessageId missing = new MessageId(UUID.randomUUID());
        ClientKey bobs = new ClientKey(bob.id(), new ClientMessageId("c-1"));
        ClientKey unused = new ClientKey(bob.id(), new ClientMessageId("c-2"));
        ClientKey evesHere = new ClientKey(eve.id(), new ClientMessageId("c-1"));

        ChatState state = load(chat.id(), Concerns.NONE.member(ada.id()).member(eve.id()).withCounts().message(missing)
                .message(elsewhere.id()).clientKey(bobs).clientKey(unused).clientKey(evesHere).notification(seen).notification(unseen));
        assertThat(state.chatId()).isEqualTo(chat.id());
        assertThat(state.lastSeq()).isEqualTo(3);
        assertThat(state.roster().roleOf(ada.id())).hasValue(Role.OWNER);
        assertThat(state.roster().roleOf(eve.id())).isEmpty();
        assertThat(state.roster().ownerCount()).isEqualTo(1);
        assertThat(state.roster().memberCount()).isEqualTo(2);
        assertThat(state.messageByClientKey(bobs)).hasValue(hello);
        assertThat(state.message(hello.id())).as("a message named by a client key comes with it").hasValue(hello);
        assertThat(state.messageByClientKey(unused)).isEmpty();
        assertThat(state.messageByClientKey(evesHere)).as("client keys are per chat").isEmpty();
        assertThat(state.message(missing)).isEmpty();
        assertThat(state.message(elsewhere.id())).as("another chat's message is not this chat's").isEmpty();
        assertThat(state.handled(seen)).isTrue();
        assertThat(state.handled(unseen)).isFalse();
        assertThatThrownBy(() -> state.roster().roleOf(bob.id())).as("not asked for").isInstanceOf(IllegalStateException.class);

        ChatState lean = load(chat.id(), Concerns.NONE.member(bob.id()));
        assertThat(lean.roster().roleOf(bob.id())).hasValue(Role.MEMBER);
        assertThatThrownBy(() -> lean.roster().memberCount()).as("counts only when asked").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> lean.message(hello.id())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPostIsStoredAsDecidedAndItsRetryKeyWithIt() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        MessageId id = new MessageId(UUID.randomUUID());
        Outcome.Accepted<?> posted = apply(new PostText(chat.id(), ada.id(), id, new MessageText("hello"),
                                                        Optional.of(new ClientMessageId("c-1")), T0));
        ChatEvent event = posted.changes().events().getFirst();

        assertThat(event.seq()).isEqualTo(2);
        assertThat(event.type()).isEqualTo(ChatEventType.MESSAGE_CREATED);
        Message message = ((EventData.MessageCreated) event.data()).message();
        assertThat(message.seq()).isEqualTo(2);
        assertThat(message.text()).hasValue(new MessageText("hello"));
        assertThat(store.loadMessage().message(id)).hasValue(message);
        assertThat(store.loadEvents().eventsAfter(chat.id(), 1, 10)).containsExactly(event);
        assertThat(store.loadChat().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(2);
        ClientKey key = new ClientKey(ada.id(), new ClientMessageId("c-1"));
        assertThat(load(chat.id(), Concerns.NONE.clientKey(key)).messageByClientKey(key)).hasValue(message);
    }

    @Test
    void messageTextSurvivesExactly() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        String text = "Ünïcödé 😀 \"quotes\" 'single' \\ back\nnew line\ttab ".repeat(40) + "x".repeat(500);
        Message stored = post(chat, ada, text, Optional.empty(), T0);
        assertThat(store.loadMessage().message(stored.id()).orElseThrow().text().orElseThrow().value()).isEqualTo(text);

        String longest = "😀".repeat(MessageText.MAX_LENGTH);
        Message longOne = post(chat, ada, longest, Optional.empty(), T0);
        assertThat(store.loadMessage().message(longOne.id()).orElseThrow().text().orElseThrow().value()).isEqualTo(longest);
    }

    @Test
    void aFailedChangeLeavesNoTrace() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        PostText doomed = new PostText(chat.id(), ada.id(), new MessageId(UUID.randomUUID()), new MessageText("doomed"), Optional.empty(), T0);
        assertThatThrownBy(() -> store.ledger().change(chat.id(), doomed.concerns(), state -> {
            doomed.decide(state).orThrow();
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        // refused by the store halfway through: what went in before the refusal goes too
        Message halfway = Message.text(new MessageId(UUID.randomUUID()), chat.id(), 2, ada.id(), new MessageText("half"), T0);
        assertThatThrownBy(() -> store(chat.id(), new ChatChanges(
                List.of(new ChatWrite.InsertMessage(halfway, Optional.empty()), new ChatWrite.Tombstone(new MessageId(UUID.randomUUID()), T0)),
                List.of(new ChatEvent(chat.id(), 2, T0, new EventData.MessageCreated(halfway)))))).isInstanceOf(IllegalStateException.class);

        assertThat(store.loadMessage().message(doomed.messageId())).isEmpty();
        assertThat(store.loadMessage().message(halfway.id())).isEmpty();
        assertThat(store.loadChat().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(1);
        assertThat(store.loadEvents().eventsAfter(chat.id(), 1, 10)).isEmpty();
        Message next = post(chat, ada, "ok", Optional.empty(), T0);
        assertThat(next.seq()).as("the failed changes used no sequence number").isEqualTo(2);
    }

    @Test
    void changesThatContradictTheStoredChatAreRefusedAndLeaveNoTrace() {
        User ada = registered("ada");
        User bob = registered("bob");
        Chat chat = newChat(ada).chat();
        Message hi = post(chat, ada, "hi", Optional.of("same"), T0);
        Message gone = post(chat, ada, "gone", Optional.empty(), T0);
        apply(new DeleteMessage(chat.id(), ada.id(), gone.id(), T0));
        Message again = Message.text(new MessageId(UUID.randomUUID()), chat.id(), 5, ada.id(), new MessageText("again"), T0);
        Message sameSeq = Message.text(new MessageId(UUID.randomUUID()), chat.id(), 2, ada.id(), new MessageText("seq 2 again"), T0);
        List<ChatChanges> contradictions = List.of(
                ChatChanges.of(new ChatWrite.InsertMember(new Membership(ada.id(), Role.MEMBER), T0, 5)),
                ChatChanges.of(new ChatWrite.DeleteMember(bob.id())),
                ChatChanges.of(new ChatWrite.Tombstone(new MessageId(UUID.randomUUID()), T0)),
                ChatChanges.of(new ChatWrite.Tombstone(gone.id(), T0)),
                ChatChanges.of(new ChatWrite.InsertMessage(again, Optional.of(new ClientMessageId("same")))),
                ChatChanges.of(new ChatWrite.InsertMessage(sameSeq, Optional.empty())),
                ChatChanges.of(new ChatWrite.InsertMessage(hi, Optional.empty())),
                new ChatChanges(List.of(), List.of(new ChatEvent(chat.id(), 6, T0, new EventData.MessageDeleted(hi.id())))),
                new ChatChanges(List.of(), List.of(new ChatEvent(chat.id(), 4, T0, new EventData.MessageDeleted(hi.id())))),
                new ChatChanges(List.of(), List.of(new ChatEvent(new ChatId(UUID.randomUUID()), 5, T0, new EventData.MessageDeleted(hi.id())))));
        for (ChatChanges contradiction : contradictions) {
            assertThatThrownBy(() -> store(chat.id(), contradiction)).as(contradiction.toString()).isInstanceOf(IllegalStateException.class);
        }
        assertThat(store.loadChat().chat(chat.id()).orElseThrow()).isEqualTo(new Chat(chat.id(), chat.title(), T0, chat.members(), 4));
        assertThat(store.loadEvents().eventsAfter(chat.id(), 0, 100)).extracting(ChatEvent::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(store.loadMessage().message(hi.id())).hasValue(hi);
        assertThat(store.loadMessage().message(again.id())).isEmpty();
    }

    @Test
    void changingAnUnknownChatIsNotFound() {
        assertThatThrownBy(() -> load(new ChatId(UUID.randomUUID()), Concerns.NONE))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void membershipChangesAreStoredWithTheirEvents() {
        User ada = registered("ada");
        User bob = registered("bob");
        Chat chat = newChat(ada).chat();

        ChatEvent added = apply(new AddMember(chat.id(), ada.id(), new Membership(bob.id(), Role.ADMIN), true, T0.plusSeconds(1)))
                .changes().events().getFirst();
        assertThat(added.seq()).isEqualTo(2);
        assertThat(added.data()).isEqualTo(new EventData.MemberAdded(bob.id(), Role.ADMIN));
        assertThat(store.memberships().roleOf(chat.id(), bob.id())).hasValue(Role.ADMIN);
        ChatState counted = load(chat.id(), Concerns.NONE.withCounts());
        assertThat(counted.roster().ownerCount() + "/" + counted.roster().memberCount()).isEqualTo("1/2");
        assertThat(store.loadChat().chat(chat.id()).orElseThrow().members()).as("in the order they joined")
                .containsExactly(new Membership(ada.id(), Role.OWNER), new Membership(bob.id(), Role.ADMIN));

        ChatEvent removed = apply(new RemoveMember(chat.id(), ada.id(), bob.id(), T0.plusSeconds(2))).changes().events().getFirst();
        assertThat(removed.seq()).isEqualTo(3);
        assertThat(removed.data()).isEqualTo(new EventData.MemberRemoved(bob.id(), Role.ADMIN));
        assertThat(store.memberships().roleOf(chat.id(), bob.id())).isEmpty();
        assertThat(store.loadChat().chatsOf(bob.id())).isEmpty();
        assertThat(store.loadEvents().eventsAfter(chat.id(), 0, 10)).extracting(ChatEvent::type)
                .containsExactly(ChatEventType.MEMBER_ADDED, ChatEventType.MEMBER_ADDED, ChatEventType.MEMBER_REMOVED);
        assertThat(store.loadEvents().eventsAfter(chat.id(), 1, 10).getFirst().at()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void aRoleChangeIsStoredWithItsEventAndCountsFollow() {
        User ada = registered("ada");
        User bob = registered("bob");
        Chat chat = newChat(ada, bob).chat();

        ChatEvent promoted = apply(new ChangeRole(chat.id(), ada.id(), bob.id(), Role.OWNER, T0.plusSeconds(1)))
                .changes().events().getFirst();
        assertThat(promoted.seq()).isEqualTo(3);
        assertThat(store.memberships().roleOf(chat.id(), bob.id())).hasValue(Role.OWNER);
        ChatState counted = load(chat.id(), Concerns.NONE.withCounts());
        assertThat(counted.roster().ownerCount() + "/" + counted.roster().memberCount()).isEqualTo("2/2");
        apply(new ChangeRole(chat.id(), ada.id(), ada.id(), Role.MEMBER, T0.plusSeconds(2)));
        assertThat(store.loadChat().chat(chat.id()).orElseThrow().members()).as("still in the order they joined")
                .containsExactly(new Membership(ada.id(), Role.MEMBER), new Membership(bob.id(), Role.OWNER));
        assertThat(store.loadEvents().eventsAfter(chat.id(), 2, 10)).extracting(ChatEvent::data).containsExactly(
                new EventData.MemberRoleChanged(bob.id(), Role.OWNER), new EventData.MemberRoleChanged(ada.id(), Role.MEMBER));
        assertThatThrownBy(() -> apply(new ChangeRole(chat.id(), bob.id(), bob.id(), Role.ADMIN, T0.plusSeconds(3))))
                .as("bob is the last owner now").isInstanceOf(RuleViolationException.class);
        assertThat(store.loadChat().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(4);
    }

    @Test
    void deletingLeavesATombstoneAndScrubsTheEventLog() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        Message secret = post(chat, ada, "secret", Optional.of("c-9"), T0);

        ChatEvent deleted = apply(new DeleteMessage(chat.id(), ada.id(), secret.id(), T0.plusSeconds(5))).changes().events().getFirst();
        assertThat(deleted.seq()).isEqualTo(3);
        assertThat(deleted.data()).isEqualTo(new EventData.MessageDeleted(secret.id()));

        Message tombstone = store.loadMessage().message(secret.id()).orElseThrow();
        assertThat(tombstone).isEqualTo(secret.tombstone());
        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.text()).isEmpty();
        assertThat(tombstone.seq()).isEqualTo(2);
        assertThat(tombstone.authorId()).isEqualTo(ada.id());

        List<ChatEvent> log = store.loadEvents().eventsAfter(chat.id(), 1, 10);
        assertThat(log).extracting(ChatEvent::seq).containsExactly(2L, 3L);
        Message replayed = ((EventData.MessageCreated) log.get(0).data()).message();
        assertThat(replayed.deleted()).as("the log serves the tombstone, not the deleted text").isTrue();
        assertThat(replayed.text()).isEmpty();
        // the retry key survives, so a client retrying the send finds the tombstone instead of posting again
        ClientKey key = new ClientKey(ada.id(), new ClientMessageId("c-9"));
        assertThat(load(chat.id(), Concerns.NONE.clientKey(key)).messageByClientKey(key)).hasValue(tombstone);
    }

    @Test
    void historyPagesNewestFirst() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat(); // seq 1 is the owner's member_added
        for (int i = 1; i <= 5; i++) {
            post(chat, ada, "m" + i, Optional.empty(), T0);
        }
        List<Message> newest = store.loadMessage().messagesBefore(chat.id(), OptionalLong.empty(), 2);
        assertThat(newest).extracting(m -> m.text().orElseThrow().value()).containsExactly("m5", "m4");
        List<Message> older = store.loadMessage().messagesBefore(chat.id(), OptionalLong.of(newest.get(1).seq()), 10);
        assertThat(older).extracting(m -> m.text().orElseThrow().value()).containsExactly("m3", "m2", "m1");
        assertThat(store.loadMessage().messagesBefore(chat.id(), OptionalLong.of(2), 10)).isEmpty();
    }

    @Test
    void eventsPageOldestFirstWithinTheLimit() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        for (int i = 0; i < 9; i++) {
            post(chat, ada, "x", Optional.empty(), T0);
        }
        assertThat(store.loadEvents().eventsAfter(chat.id(), 3, 4)).extracting(ChatEvent::seq).containsExactly(4L, 5L, 6L, 7L);
        assertThat(store.loadEvents().eventsAfter(chat.id(), 10, 4)).isEmpty();
    }

    @Test
    void concurrentWritersGetGapFreeDistinctSequenceNumbers() throws Exception {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        int writers = 8;
        int perWriter = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<List<Long>>> jobs = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                jobs.add(() -> {
                    List<Long> seqs = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        seqs.add(post(chat, ada, "x", Optional.empty(), T0).seq());
                    }
                    return seqs;
                });
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : pool.invokeAll(jobs, 2, TimeUnit.MINUTES)) {
                all.addAll(f.get());
            }
            long total = (long) writers * perWriter;
            assertThat(all).hasSize((int) total).doesNotHaveDuplicates();
            assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(2, total + 1).boxed().toList());
            List<ChatEvent> log = new ArrayList<>();
            long after = 0;
            List<ChatEvent> page;
            do {
                page = store.loadEvents().eventsAfter(chat.id(), after, 100);
                log.addAll(page);
                after = page.isEmpty() ? after : page.get(page.size() - 1).seq();
            } while (!page.isEmpty());
            assertThat(log).extracting(ChatEvent::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, total + 1).boxed().toList());
            assertThat(store.loadChat().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(total + 1);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    // ---- helpers

    /** Decides the command on the stored chat and stores it, as the use cases do. */
    protected <R> Outcome.Accepted<R> apply(ChatCommand<R> command) {
        return store.ledger().apply(command);
    }

    /** The chat's state as a change concerning {@code concerns} sees it (storing nothing). */
    protected ChatState load(ChatId chatId, Concerns concerns) {
        return store.ledger().change(chatId, concerns, state -> new Outcome.Accepted<>(state, state, ChatChanges.NONE)).result();
    }

    /** Hands the store changes no decision made, to see what it does with them. */
    protected void store(ChatId chatId, ChatChanges changes) {
        store.ledger().change(chatId, Concerns.NONE, state -> new Outcome.Accepted<>(Boolean.TRUE, state, changes));
    }

    protected void write(ChatId chatId, ChatWrite... writes) {
        store(chatId, ChatChanges.of(writes));
    }

    protected Message post(Chat chat, User author, String text, Optional<String> clientId, Instant at) {
        PostText post = new PostText(chat.id(), author.id(), new MessageId(UUID.randomUUID()), new MessageText(text),
                                     clientId.map(ClientMessageId::new), at);
        return apply(post).result().message();
    }

    protected User registered(String name) {
        User user = user(name);
        assertThat(store.createUser().create(user, "hash", T0)).isTrue();
        return user;
    }

    /** A new chat, owned by {@code owner}, stored; members join in id order after the owner. */
    protected FoundedChat newChat(User owner, User... members) {
        FoundedChat founded = FoundedChat.found(new ChatId(UUID.randomUUID()), new ChatTitle("Chat"), T0, owner.id(),
                                                java.util.Arrays.stream(members).map(User::id).toList());
        store.createChat().create(founded);
        return founded;
    }

    protected static User user(String name) {
        return new User(new UserId(UUID.randomUUID()), new Username(unique(name)), new DisplayName(name));
    }

    /** A name no earlier test used, so suites may share a store. */
    protected static String unique(String name) {
        return (name + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    protected static Set<UserId> ids(User... users) {
        return Set.of(java.util.Arrays.stream(users).map(User::id).toArray(UserId[]::new));
    }
}
