package com.chirpchat.adapters.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.chirpchat.application.media.MediaDeletionTask;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.ChatTitle;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.ledger.AddMember;
import com.chirpchat.domain.ledger.ChatChanges;
import com.chirpchat.domain.ledger.ChatState;
import com.chirpchat.domain.ledger.ChatWrite;
import com.chirpchat.domain.ledger.Concerns;
import com.chirpchat.domain.ledger.DeleteMessage;
import com.chirpchat.domain.ledger.FoundedChat;
import com.chirpchat.domain.ledger.Outcome;
import com.chirpchat.domain.ledger.PostText;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.ClientKey;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.DisplayName;
import com.chirpchat.domain.user.User;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.domain.user.Username;
import io.helidon.dbclient.DbRow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the database store must do beyond the shared contract: storage-level privacy, media columns, big chats,
 * races and the transaction scope of reads made during a change. Run against each database by a subclass.
 */
abstract class StoreBehaviourTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");

    /** The database of the subclass; open for the whole class. */
    abstract TestDatabase database();

    /** A Persistence on {@link #database()}, open for the whole class. */
    abstract Persistence persistence();

    JdbcStore store() {
        return persistence().store();
    }

    @Test
    void deletedTextAndMediaAreGoneFromTheRowAndTheLog() {
        User ada = registered("ada");
        Chat chat = newChat(ada);
        Message text = post(store(), chat, ada, "top secret", Optional.of("c-1"));
        Message media = append(chat, ada, readyImage());

        store().apply(new DeleteMessage(chat.id(), ada.id(), text.id(), T0.plusSeconds(1)));
        store().apply(new DeleteMessage(chat.id(), ada.id(), media.id(), T0.plusSeconds(2)));

        for (MessageId id : List.of(text.id(), media.id())) {
            DbRow row = rawMessage(id);
            assertThat(row.column("deleted").get(Boolean.class)).isTrue();
            for (String column : List.of("body", "media_status", "media_resource_type", "media_asset_key",
                                         "media_upload_reported", "media_format", "media_bytes", "media_width",
                                         "media_height", "media_duration_seconds", "media_processing_reported",
                                         "media_variants", "media_failure_reason")) {
                assertThat(row.column(column).get(Object.class)).as(column + " of a deleted message").isNull();
            }
        }
        List<ChatEvent> log = store().eventsAfter(chat.id(), 0, 100);
        assertThat(log).extracting(ChatEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        for (ChatEvent event : log.subList(1, 3)) {
            Message replayed = ((EventData.MessageCreated) event.data()).message();
            assertThat(replayed.deleted()).isTrue();
            assertThat(replayed.text()).isEmpty();
            assertThat(replayed.media()).isEmpty();
        }
        assertThat(log.get(3).data()).isEqualTo(new EventData.MessageDeleted(text.id()));
        // the retry key survives, so a client retrying the send finds the tombstone instead of posting again
        ClientKey key = new ClientKey(ada.id(), new ClientMessageId("c-1"));
        assertThat(load(chat.id(), Concerns.NONE.clientKey(key)).messageByClientKey(key))
                .hasValueSatisfying(m -> assertThat(m.deleted()).isTrue());
    }

    @Test
    void mediaSurvivesTheRoundTrip() {
        User ada = registered("ada");
        Chat chat = newChat(ada);
        MediaFacts unknown = MediaFacts.UNKNOWN;
        List<MediaAsset> assets = List.of(
                readyImage(),
                MediaAsset.uploading(ResourceType.VIDEO, key()).failed("codec not supported"),
                MediaAsset.uploading(ResourceType.RAW, key()),
                // the upload arrived but nothing could be measured: still "uploaded", not "uploading"
                MediaAsset.uploading(ResourceType.VIDEO, key()).uploaded(unknown),
                MediaAsset.uploading(ResourceType.RAW, key()).uploaded(unknown),
                // processing reported before the upload, nothing made for a raw file, some variants of a video
                MediaAsset.uploading(ResourceType.IMAGE, key()).processed(List.of("preview_800")),
                // (a ready document takes no processing report any more, but rows written before that rule may say so)
                new MediaAsset(ResourceType.RAW, key(), Optional.of(FACTS), Optional.of(List.of()), Optional.empty()),
                MediaAsset.uploading(ResourceType.VIDEO, key()).uploaded(FACTS).processed(List.of("hls", "mp4")),
                // nothing made for a video: failed, with the empty settlement kept
                MediaAsset.uploading(ResourceType.VIDEO, key()).uploaded(FACTS).processed(List.of("nothing-useful")),
                new MediaAsset(ResourceType.AUDIO, key(), Optional.of(unknown), Optional.of(List.of()), Optional.of("gone")));
        for (MediaAsset asset : assets) {
            Message inserted = append(chat, ada, asset);
            Message stored = store().message(inserted.id()).orElseThrow();
            assertThat(stored).isEqualTo(inserted);
            assertThat(stored.media()).as(asset.toString()).hasValue(asset);
            assertThat(stored.text()).isEmpty();
            assertThat(rawMessage(inserted.id()).column("media_status").get(String.class)).as("denormalised status of " + asset)
                    .isEqualTo(asset.status().wireName());

            // and the same through an update of an existing row
            Message placeholder = append(chat, ada, MediaAsset.uploading(asset.resourceType(), asset.assetKey() + "-u"));
            MediaAsset moved = new MediaAsset(asset.resourceType(), asset.assetKey() + "-u", asset.facts(), asset.variants(),
                                              asset.failureReason());
            store(chat.id(), ChatChanges.of(new ChatWrite.StoreMedia(placeholder.id(), moved)));
            assertThat(store().message(placeholder.id()).orElseThrow().media()).as("updated " + asset).hasValue(moved);
            assertThat(rawMessage(placeholder.id()).column("media_asset_key").get(String.class)).isEqualTo(moved.assetKey());
        }
    }

    @Test
    void mediaEventsAreReplayedWithTheMessageAsItNowIs() {
        User ada = registered("ada");
        Chat chat = newChat(ada);
        Message placeholder = append(chat, ada, MediaAsset.uploading(ResourceType.AUDIO, key()));
        MediaAsset failed = placeholder.media().orElseThrow().uploaded(FACTS).failed("too long");
        Message settled = placeholder.withMedia(failed);
        ChatEvent event = new ChatEvent(chat.id(), 3, T0.plusSeconds(1), new EventData.MediaFailed(settled));
        store(chat.id(), new ChatChanges(List.of(new ChatWrite.StoreMedia(placeholder.id(), failed)), List.of(event)));
        assertThat(store().eventsAfter(chat.id(), 2, 10)).containsExactly(event);

        store().apply(new DeleteMessage(chat.id(), ada.id(), placeholder.id(), T0.plusSeconds(2)));
        ChatEvent replayed = store().eventsAfter(chat.id(), 2, 1).getFirst();
        assertThat(replayed.type()).isEqualTo(event.type());
        Message now = ((EventData.MediaFailed) replayed.data()).message();
        assertThat(now.deleted()).as("a deleted message's media is gone from the log too").isTrue();
        assertThat(now.media()).isEmpty();
        assertThat(rawMessage(placeholder.id()).column("media_asset_key").get(String.class)).isNull();
    }

    @Test
    void aNotificationDeliveredManyTimesAtOnceIsRecordedOnce() throws Exception {
        User ada = registered("ada");
        // in one chat (the handler's case: a notification names one asset, in one chat) the chat's lock orders the
        // contenders and each decides on what the one before recorded
        Chat chat = newChat(ada);
        String inOneChat = "notification-" + UUID.randomUUID();
        List<Boolean> recorded = race(12, i -> () -> store().change(chat.id(), Concerns.NONE.notification(inOneChat), state -> {
            boolean fresh = !state.handled(inOneChat);
            ChatChanges changes = fresh ? ChatChanges.of(new ChatWrite.RecordNotification(inOneChat, T0)) : ChatChanges.NONE;
            return new Outcome.Accepted<>(fresh, state, changes);
        }).result());
        assertThat(recorded).filteredOn(b -> b).hasSize(1);
        // across chats nothing orders them: the primary key alone keeps it once, and no contender's change fails
        List<Chat> chats = List.of(newChat(ada), newChat(ada));
        String acrossChats = "notification-" + UUID.randomUUID();
        race(12, i -> () -> {
            store(chats.get(i % 2).id(), ChatChanges.of(new ChatWrite.RecordNotification(acrossChats, T0)));
            return true;
        });
        for (String id : List.of(inOneChat, acrossChats)) {
            long rows = persistence().dbClient().execute().createGet("SELECT COUNT(*) AS n FROM media_notifications WHERE id = :id")
                    .addParam("id", id).execute().orElseThrow().column("n").get(Long.class);
            assertThat(rows).as(id).isEqualTo(1);
        }
    }

    @Test
    void longDeletionErrorsAreCutToFit() {
        User ada = registered("ada");
        Chat chat = newChat(ada);
        String key = key();
        store(chat.id(), ChatChanges.of(new ChatWrite.QueueAssetDeletion(key, ResourceType.RAW, T0)));
        // far in the future, so every task is due: keep ours and give the others back
        Instant late = T0.plus(Duration.ofDays(3650));
        MediaDeletionTask task = null;
        for (MediaDeletionTask claimed : store().claimDue(late, Duration.ofSeconds(1), 1000)) {
            if (claimed.assetKey().equals(key)) {
                task = claimed;
            } else {
                store().retryLater(claimed, T0, "not this test's");
            }
        }
        assertThat(task).isNotNull();
        long id = task.id();
        // an odd start puts a high surrogate at the cut, which must not be split from its pair
        String huge = "x" + "\uD83D\uDE00".repeat(3000);
        store().retryLater(task, T0, huge);
        store().deadLetter(task, huge);
        String stored = persistence().dbClient().execute()
                .createGet("SELECT last_error FROM media_deletions WHERE id = :id").addParam("id", id)
                .execute().orElseThrow().column("last_error").get(String.class);
        assertThat(stored).isEqualTo(huge.substring(0, 1999));
    }

    @Test
    void portsCalledDuringAChangeShareItsTransactionAndConnection() {
        // one connection in the pool: a read that took a second connection would wait for the timeout and fail
        try (Persistence single = database().open(Map.of("pool-size", "1", "connection-timeout", "PT2S"))) {
            JdbcStore store = single.store();
            User ada = registered(store, "ada");
            User bob = registered(store, "bob");
            Chat chat = newChat(store, ada);
            AddMember add = new AddMember(chat.id(), ada.id(), new Membership(bob.id(), Role.ADMIN), true, T0);
            String seen = store.change(chat.id(), add.concerns(), state -> {
                assertThat(store.existing(List.of(bob.id()))).containsExactly(bob.id());
                Outcome.Accepted<Membership> added = add.decide(state).orThrow();
                String read = store.roleOf(chat.id(), ada.id()).orElseThrow() + "/" + store.chat(chat.id()).orElseThrow().lastSeq();
                return new Outcome.Accepted<>(read, added.after(), added.changes());
            }).result();
            assertThat(seen).isEqualTo("OWNER/1");
            // and what the change wrote (member, event, last seq) committed together
            assertThat(store.roleOf(chat.id(), bob.id())).hasValue(Role.ADMIN);
            assertThat(store.chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(2);
            assertThat(store.positionsOf(bob.id())).hasSize(1);
        }
    }

    @Test
    void aBigChatAnswersRosterQuestionsWithoutLoadingTheRoster() {
        User owner = registered("owner");
        List<Membership> members = new ArrayList<>();
        members.add(new Membership(owner.id(), Role.OWNER));
        for (int i = 0; i < 1000; i++) {
            members.add(new Membership(registered("m" + i).id(), i % 100 == 0 ? Role.ADMIN : Role.MEMBER));
        }
        ChatId id = new ChatId(UUID.randomUUID());
        List<ChatWrite> writes = new ArrayList<>();
        List<ChatEvent> events = new ArrayList<>();
        for (Membership m : members) {
            writes.add(new ChatWrite.InsertMember(m, T0, events.size() + 1));
            events.add(new ChatEvent(id, events.size() + 1, T0, new EventData.MemberAdded(m.userId(), m.role())));
        }
        store().create(new FoundedChat(new Chat(id, new ChatTitle("Big"), T0, members, 1001), new ChatChanges(writes, events)));
        assertThat(store().eventsAfter(id, 0, 2000)).hasSize(1001);

        UserId stranger = new UserId(UUID.randomUUID());
        ChatState state = load(id, Concerns.NONE.member(owner.id()).member(members.get(1).userId()).member(stranger).withCounts());
        String roster = state.roster().roleOf(owner.id()).orElseThrow() + "/" + state.roster().roleOf(members.get(1).userId()).orElseThrow()
                + "/" + state.roster().ownerCount() + "/" + state.roster().memberCount() + "/" + state.roster().roleOf(stranger);
        assertThat(roster).isEqualTo("OWNER/ADMIN/1/1001/Optional.empty");
        Outcome.Accepted<?> posted = store().apply(new PostText(id, members.get(500).userId(), new MessageId(UUID.randomUUID()),
                                                                new MessageText("hi all"), Optional.empty(), T0));
        assertThat(posted.changes().events().getFirst().seq()).isEqualTo(1002);

        Chat loaded = store().chat(id).orElseThrow();
        assertThat(loaded.members()).as("members in the order they joined").containsExactlyElementsOf(members);
        assertThat(store().chatsOf(members.get(999).userId())).extracting(Chat::id).containsExactly(id);
        assertThat(store().existing(members.stream().map(Membership::userId).toList())).hasSize(1001);
    }

    @Test
    void namesStoredBeforeTheNamingRuleAreReadCleanedNotRefused() {
        User ada = registered("ada");
        Chat chat = newChat(ada);
        // rows as an older version could write them: a bidi override in a name, a title of invisible characters
        persistence().dbClient().execute().createDmlStatement("UPDATE users SET display_name = :name WHERE id = CAST(:id AS UUID)")
                .addParam("name", "admin\u202Egpj.exe").addParam("id", ada.id().value().toString()).execute();
        persistence().dbClient().execute().createDmlStatement("UPDATE chats SET title = :title WHERE id = CAST(:id AS UUID)")
                .addParam("title", "\u200B\u3164").addParam("id", chat.id().value().toString()).execute();

        assertThat(store().byUsername(ada.username()).orElseThrow().displayName().value()).isEqualTo("admingpj.exe");
        assertThat(store().chatsOf(ada.id())).extracting(c -> c.title().value()).contains("(untitled)");
    }

    @Test
    void chatsAreListedMostRecentlyActiveFirst() {
        User ada = registered("ada");
        Chat older = newChat(ada);
        Chat newer = newChat(ada);
        assertThat(store().chatsOf(ada.id())).extracting(Chat::id).contains(older.id(), newer.id());
        store().apply(new PostText(older.id(), ada.id(), new MessageId(UUID.randomUUID()), new MessageText("bump"), Optional.empty(),
                                   T0.plusSeconds(60)));
        assertThat(store().chatsOf(ada.id())).extracting(Chat::id).containsExactly(older.id(), newer.id());
    }

    @Test
    void manyRegistrationsOfOneNameCreateExactlyOneAccount() throws Exception {
        Username name = new Username("race-" + UUID.randomUUID().toString().substring(0, 8));
        List<Boolean> won = race(24, i -> {
            User user = new User(new UserId(UUID.randomUUID()), name, new DisplayName("Contender " + i));
            return () -> store().create(user, "hash", T0);
        });
        assertThat(won).filteredOn(b -> b).hasSize(1);
        assertThat(store().byUsername(name)).isPresent();
    }

    @Test
    void aUserWithAnExistingIdIsAnErrorNotATakenName() {
        User ada = registered("ada");
        User twin = new User(ada.id(), new Username("twin-" + UUID.randomUUID().toString().substring(0, 8)), new DisplayName("Twin"));
        assertThatThrownBy(() -> store().create(twin, "hash", T0)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void timesComeBackAsTheSameInstantWhateverTheJvmTimeZone() {
        TimeZone original = TimeZone.getDefault();
        // an odd offset (+12:45/+13:45) and a DST switch night: a conversion through local time would show
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
        try {
            User ada = registered("ada");
            Instant at = Instant.parse("2026-04-04T14:30:00.456Z");
            FoundedChat founded = FoundedChat.found(new ChatId(UUID.randomUUID()), new ChatTitle("tz"), at, ada.id(), List.of());
            store().create(founded);
            Chat chat = founded.chat();
            MessageId id = new MessageId(UUID.randomUUID());
            store().apply(new PostText(chat.id(), ada.id(), id, new MessageText("t"), Optional.empty(), at.plusMillis(1)));
            assertThat(store().chat(chat.id()).orElseThrow().createdAt()).isEqualTo(at);
            assertThat(store().message(id).orElseThrow().createdAt()).isEqualTo(at.plusMillis(1));
            assertThat(store().eventsAfter(chat.id(), 0, 10)).extracting(ChatEvent::at).containsExactly(at, at.plusMillis(1));
        } finally {
            TimeZone.setDefault(original);
        }
    }

    // ---- helpers

    DbRow rawMessage(MessageId id) {
        return persistence().dbClient().execute()
                .createGet("SELECT * FROM messages WHERE id = CAST(:id AS UUID)")
                .addParam("id", id.value().toString())
                .execute()
                .orElseThrow();
    }

    static final MediaFacts FACTS = new MediaFacts(Optional.of("png"), OptionalLong.of(123_456), OptionalInt.of(640),
                                                   OptionalInt.of(480), OptionalDouble.of(1.5));

    static MediaAsset readyImage() {
        return MediaAsset.uploading(ResourceType.IMAGE, key()).uploaded(FACTS).processed(List.of("thumbnail_250", "preview_800"));
    }

    /** A fresh asset key: the store is shared by the class's tests. */
    static String key() {
        return "chats/x/" + UUID.randomUUID();
    }

    /** A media message in exactly this state, stored as the next of the chat with its message_created event. */
    Message append(Chat chat, User author, MediaAsset asset) {
        return store().change(chat.id(), Concerns.NONE, state -> {
            Message message = Message.media(new MessageId(UUID.randomUUID()), chat.id(), state.lastSeq() + 1, author.id(), asset, T0);
            ChatEvent created = new ChatEvent(chat.id(), message.seq(), T0, new EventData.MessageCreated(message));
            return new Outcome.Accepted<>(message, state, new ChatChanges(List.of(new ChatWrite.InsertMessage(message, Optional.empty())),
                                                                          List.of(created)));
        }).result();
    }

    ChatState load(ChatId chat, Concerns concerns) {
        return store().change(chat, concerns, state -> new Outcome.Accepted<>(state, state, ChatChanges.NONE)).result();
    }

    void store(ChatId chat, ChatChanges changes) {
        store().change(chat, Concerns.NONE, state -> new Outcome.Accepted<>(Boolean.TRUE, state, changes));
    }

    User registered(String name) {
        return registered(store(), name);
    }

    Chat newChat(User owner) {
        return newChat(store(), owner);
    }

    /** Runs {@code n} contenders at once (released together) and collects their answers. */
    static <T> List<T> race(int n, java.util.function.IntFunction<Callable<T>> contender) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<T> call = contender.apply(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> result : results) {
                answers.add(result.get(1, TimeUnit.MINUTES));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    static Message post(JdbcStore store, Chat chat, User author, String text, Optional<String> clientId) {
        return store.apply(new PostText(chat.id(), author.id(), new MessageId(UUID.randomUUID()), new MessageText(text),
                                        clientId.map(ClientMessageId::new), T0)).result().message();
    }

    static User registered(JdbcStore store, String name) {
        User user = new User(new UserId(UUID.randomUUID()), new Username(name + "-" + UUID.randomUUID().toString().substring(0, 8)),
                             new DisplayName(name));
        assertThat(store.create(user, "hash", T0)).isTrue();
        return user;
    }

    static Chat newChat(JdbcStore store, User owner) {
        FoundedChat founded = FoundedChat.found(new ChatId(UUID.randomUUID()), new ChatTitle("Chat"), T0, owner.id(), List.of());
        store.create(founded);
        return founded.chat();
    }
}
