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

import com.chirpchat.application.chat.CreateChatPort;
import com.chirpchat.application.common.ErrorCode;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.event.ChatPosition;
import com.chirpchat.application.ledger.NewMessage;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.ChatTitle;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.ChatEventType;
import com.chirpchat.domain.event.EventData;
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
 * (a fresh, empty store is simplest).
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
    void aNewChatNumbersItsMembersEvents() {
        User owner = registered("owner");
        User member = registered("member");
        Chat chat = newChat(owner, member).chat();

        assertThat(chat.lastSeq()).isEqualTo(2);
        assertThat(chat.members()).containsExactly(new Membership(owner.id(), Role.OWNER), new Membership(member.id(), Role.MEMBER));
        List<ChatEvent> events = store.loadEvents().eventsAfter(chat.id(), 0, 100);
        assertThat(events).extracting(ChatEvent::seq).containsExactly(1L, 2L);
        assertThat(events.get(0).data()).isEqualTo(new EventData.MemberAdded(owner.id(), Role.OWNER));
        assertThat(events.get(1).data()).isEqualTo(new EventData.MemberAdded(member.id(), Role.MEMBER));

        Chat loaded = store.loadChat().chat(chat.id()).orElseThrow();
        assertThat(loaded.title()).isEqualTo(chat.title());
        assertThat(loaded.createdAt()).isEqualTo(T0);
        assertThat(loaded.members()).containsExactlyInAnyOrderElementsOf(chat.members());
        assertThat(store.memberships().roleOf(chat.id(), member.id())).hasValue(Role.MEMBER);
        assertThat(store.memberships().chatExists(chat.id())).isTrue();
        assertThat(store.memberships().chatExists(new ChatId(UUID.randomUUID()))).isFalse();
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
        assertThat(store.positions().positionsOf(bob.id())).containsExactly(new ChatPosition(both.id(), 2));
    }

    @Test
    void appendingMessagesAssignsTheNextSeqAndStoresTheEvent() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        MessageId id = new MessageId(UUID.randomUUID());
        ChatEvent event = store.ledger().change(chat.id(), c ->
                c.appendMessage(NewMessage.text(id, ada.id(), new MessageText("hello"), Optional.of(new ClientMessageId("c-1")), T0)));

        assertThat(event.seq()).isEqualTo(2);
        assertThat(event.type()).isEqualTo(ChatEventType.MESSAGE_CREATED);
        Message message = ((EventData.MessageCreated) event.data()).message();
        assertThat(message.seq()).isEqualTo(2);
        assertThat(message.text()).hasValue(new MessageText("hello"));
        assertThat(store.loadMessage().message(id)).hasValue(message);
        assertThat(store.loadEvents().eventsAfter(chat.id(), 1, 10)).containsExactly(event);
        assertThat(store.loadChat().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(2);
        Optional<Message> byClientId = store.ledger().change(chat.id(), c -> c.messageByClientId(ada.id(), new ClientMessageId("c-1")));
        assertThat(byClientId).hasValue(message);
        Optional<Message> unknownClientId = store.ledger().change(chat.id(), c -> c.messageByClientId(ada.id(), new ClientMessageId("c-2")));
        assertThat(unknownClientId).isEmpty();
    }

    @Test
    void messageTextSurvivesExactly() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        String text = "Ünïcödé 😀 \"quotes\" 'single' \\ back\nnew line\ttab ".repeat(40) + "x".repeat(500);
        MessageId id = new MessageId(UUID.randomUUID());
        store.ledger().change(chat.id(), c -> c.appendMessage(NewMessage.text(id, ada.id(), new MessageText(text), Optional.empty(), T0)));
        assertThat(store.loadMessage().message(id).orElseThrow().text().orElseThrow().value()).isEqualTo(text);

        String longest = "😀".repeat(MessageText.MAX_LENGTH);
        MessageId longId = new MessageId(UUID.randomUUID());
        store.ledger().change(chat.id(), c -> c.appendMessage(NewMessage.text(longId, ada.id(), new MessageText(longest), Optional.empty(), T0)));
        assertThat(store.loadMessage().message(longId).orElseThrow().text().orElseThrow().value()).isEqualTo(longest);
    }

    @Test
    void aFailedChangeLeavesNoTrace() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        MessageId id = new MessageId(UUID.randomUUID());
        assertThatThrownBy(() -> store.ledger().change(chat.id(), c -> {
            c.appendMessage(NewMessage.text(id, ada.id(), new MessageText("doomed"), Optional.empty(), T0));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        assertThat(store.loadMessage().message(id)).isEmpty();
        assertThat(store.loadChat().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(1);
        ChatEvent next = store.ledger().change(chat.id(), c ->
                c.appendMessage(NewMessage.text(new MessageId(UUID.randomUUID()), ada.id(), new MessageText("ok"), Optional.empty(), T0)));
        assertThat(next.seq()).as("the failed change used no sequence number").isEqualTo(2);
    }

    @Test
    void changingAnUnknownChatIsNotFound() {
        assertThatThrownBy(() -> store.ledger().change(new ChatId(UUID.randomUUID()), c -> c.lastSeq()))
                .isInstanceOfSatisfying(UseCaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void membershipChangesAreEvents() {
        User ada = registered("ada");
        User bob = registered("bob");
        Chat chat = newChat(ada).chat();

        ChatEvent added = store.ledger().change(chat.id(), c -> c.addMember(new Membership(bob.id(), Role.ADMIN), T0.plusSeconds(1)));
        assertThat(added.seq()).isEqualTo(2);
        assertThat(added.data()).isEqualTo(new EventData.MemberAdded(bob.id(), Role.ADMIN));
        assertThat(store.memberships().roleOf(chat.id(), bob.id())).hasValue(Role.ADMIN);
        String counts = store.ledger().change(chat.id(), c -> c.ownerCount() + "/" + c.memberCount());
        assertThat(counts).isEqualTo("1/2");

        ChatEvent removed = store.ledger().change(chat.id(), c -> c.removeMember(bob.id(), T0.plusSeconds(2)));
        assertThat(removed.seq()).isEqualTo(3);
        assertThat(removed.data()).isEqualTo(new EventData.MemberRemoved(bob.id(), Role.ADMIN));
        assertThat(store.memberships().roleOf(chat.id(), bob.id())).isEmpty();
        assertThat(store.loadChat().chatsOf(bob.id())).isEmpty();
        assertThat(store.loadEvents().eventsAfter(chat.id(), 0, 10)).extracting(ChatEvent::type)
                .containsExactly(ChatEventType.MEMBER_ADDED, ChatEventType.MEMBER_ADDED, ChatEventType.MEMBER_REMOVED);
    }

    @Test
    void deletingLeavesATombstoneAndScrubsTheEventLog() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        MessageId id = new MessageId(UUID.randomUUID());
        store.ledger().change(chat.id(), c -> c.appendMessage(NewMessage.text(id, ada.id(), new MessageText("secret"), Optional.empty(), T0)));

        ChatEvent deleted = store.ledger().change(chat.id(), c -> c.deleteMessage(id, T0.plusSeconds(5)));
        assertThat(deleted.seq()).isEqualTo(3);
        assertThat(deleted.data()).isEqualTo(new EventData.MessageDeleted(id));

        Message tombstone = store.loadMessage().message(id).orElseThrow();
        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.text()).isEmpty();
        assertThat(tombstone.seq()).isEqualTo(2);
        assertThat(tombstone.authorId()).isEqualTo(ada.id());

        List<ChatEvent> log = store.loadEvents().eventsAfter(chat.id(), 1, 10);
        assertThat(log).extracting(ChatEvent::seq).containsExactly(2L, 3L);
        Message replayed = ((EventData.MessageCreated) log.get(0).data()).message();
        assertThat(replayed.deleted()).as("the log serves the tombstone, not the deleted text").isTrue();
        assertThat(replayed.text()).isEmpty();
    }

    @Test
    void historyPagesNewestFirst() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat(); // seq 1 is the owner's member_added
        for (int i = 1; i <= 5; i++) {
            String text = "m" + i;
            store.ledger().change(chat.id(), c ->
                    c.appendMessage(NewMessage.text(new MessageId(UUID.randomUUID()), ada.id(), new MessageText(text), Optional.empty(), T0)));
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
            store.ledger().change(chat.id(), c ->
                    c.appendMessage(NewMessage.text(new MessageId(UUID.randomUUID()), ada.id(), new MessageText("x"), Optional.empty(), T0)));
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
                        seqs.add(store.ledger().change(chat.id(), c -> c.appendMessage(
                                NewMessage.text(new MessageId(UUID.randomUUID()), ada.id(), new MessageText("x"), Optional.empty(), T0))).seq());
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

    protected User registered(String name) {
        User user = user(name);
        assertThat(store.createUser().create(user, "hash", T0)).isTrue();
        return user;
    }

    protected CreateChatPort.CreatedChat newChat(User owner, User... members) {
        List<Membership> list = new ArrayList<>();
        list.add(new Membership(owner.id(), Role.OWNER));
        for (User m : members) {
            list.add(new Membership(m.id(), Role.MEMBER));
        }
        return store.createChat().create(new CreateChatPort.NewChat(new ChatId(UUID.randomUUID()), new ChatTitle("Chat"), T0, list));
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
