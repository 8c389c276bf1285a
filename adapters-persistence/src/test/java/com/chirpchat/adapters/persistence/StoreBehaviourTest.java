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
import java.util.concurrent.atomic.AtomicReference;

import com.chirpchat.application.chat.CreateChatPort;
import com.chirpchat.application.ledger.ChatChange;
import com.chirpchat.application.ledger.NewMessage;
import com.chirpchat.application.media.MediaDeletionTask;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.ChatTitle;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.ResourceType;
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
        MessageId text = append(chat, NewMessage.text(new MessageId(UUID.randomUUID()), ada.id(), new MessageText("top secret"),
                                                      Optional.of(new ClientMessageId("c-1")), T0));
        MessageId media = append(chat, NewMessage.media(new MessageId(UUID.randomUUID()), ada.id(), readyImage(), Optional.empty(), T0));

        store().change(chat.id(), c -> c.deleteMessage(text, T0.plusSeconds(1)));
        store().change(chat.id(), c -> c.deleteMessage(media, T0.plusSeconds(2)));

        for (MessageId id : List.of(text, media)) {
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
        assertThat(log.get(3).data()).isEqualTo(new EventData.MessageDeleted(text));
        // the retry key survives, so a client retrying the send finds the tombstone instead of posting again
        Optional<Message> retried = store().change(chat.id(), c -> c.messageByClientId(ada.id(), new ClientMessageId("c-1")));
        assertThat(retried).hasValueSatisfying(m -> assertThat(m.deleted()).isTrue());
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
            MessageId id = append(chat, NewMessage.media(new MessageId(UUID.randomUUID()), ada.id(), asset, Optional.empty(), T0));
            Message stored = store().message(id).orElseThrow();
            assertThat(stored.media()).as(asset.toString()).hasValue(asset);
            assertThat(stored.text()).isEmpty();
            assertThat(rawMessage(id).column("media_status").get(String.class)).as("denormalised status of " + asset)
                    .isEqualTo(asset.status().wireName());

            // and the same through an update of an existing row
            MessageId placeholder = append(chat, NewMessage.media(new MessageId(UUID.randomUUID()), ada.id(),
                                                                  MediaAsset.uploading(asset.resourceType(), asset.assetKey() + "-u"),
                                                                  Optional.empty(), T0));
            MediaAsset moved = new MediaAsset(asset.resourceType(), asset.assetKey() + "-u", asset.facts(), asset.variants(),
                                              asset.failureReason());
            store().change(chat.id(), c -> {
                c.updateMedia(placeholder, moved);
                return null;
            });
            assertThat(store().message(placeholder).orElseThrow().media()).as("updated " + asset).hasValue(moved);
            assertThat(store().messageByAssetKey(moved.assetKey()).orElseThrow().id()).isEqualTo(placeholder);
        }
    }

    @Test
    void mediaChangesAreRefusedOnMessagesWithoutLiveMedia() {
        User ada = registered("ada");
        Chat chat = newChat(ada);
        MessageId text = append(chat, NewMessage.text(new MessageId(UUID.randomUUID()), ada.id(), new MessageText("hi"),
                                                      Optional.empty(), T0));
        MessageId media = append(chat, NewMessage.media(new MessageId(UUID.randomUUID()), ada.id(),
                                                        MediaAsset.uploading(ResourceType.IMAGE, key()), Optional.empty(), T0));
        store().change(chat.id(), c -> c.deleteMessage(media, T0));
        MediaAsset ready = readyImage();
        for (MessageId id : List.of(text, media, new MessageId(UUID.randomUUID()))) {
            assertThatThrownBy(() -> store().change(chat.id(), c -> {
                c.updateMedia(id, ready);
                return null;
            })).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store().change(chat.id(), c -> c.settleMedia(id, ready, T0)))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(store().message(text).orElseThrow().media()).isEmpty();
        assertThat(store().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(4);
    }

    @Test
    void mediaEventsAreReplayedWithTheMessageAsItNowIs() {
        User ada = registered("ada");
        Chat chat = newChat(ada);
        String key = key();
        MessageId id = append(chat, NewMessage.media(new MessageId(UUID.randomUUID()), ada.id(),
                                                     MediaAsset.uploading(ResourceType.AUDIO, key), Optional.empty(), T0));
        MediaAsset failed = MediaAsset.uploading(ResourceType.AUDIO, key).uploaded(FACTS).failed("too long");
        ChatEvent event = store().change(chat.id(), c -> c.settleMedia(id, failed, T0.plusSeconds(1)));
        assertThat(store().eventsAfter(chat.id(), 2, 10)).containsExactly(event);

        store().change(chat.id(), c -> {
            c.scheduleMediaDeletion(key, ResourceType.AUDIO, T0);
            return c.deleteMessage(id, T0.plusSeconds(2));
        });
        ChatEvent replayed = store().eventsAfter(chat.id(), 2, 1).getFirst();
        assertThat(replayed.type()).isEqualTo(event.type());
        Message now = ((EventData.MediaFailed) replayed.data()).message();
        assertThat(now.deleted()).as("a deleted message's media is gone from the log too").isTrue();
        assertThat(now.media()).isEmpty();
        assertThat(store().messageByAssetKey(key)).isEmpty();
    }

    @Test
    void aNotificationDeliveredManyTimesAtOnceIsRecordedOnce() throws Exception {
        User ada = registered("ada");
        // the same chat (the handler's case: the notification names one asset, in one chat) and different chats,
        // where no chat lock orders the contenders and the primary key alone must settle it
        List<Chat> chats = List.of(newChat(ada), newChat(ada));
        for (boolean sameChat : List.of(true, false)) {
            String id = "notification-" + UUID.randomUUID();
            int contenders = 12;
            ExecutorService pool = Executors.newFixedThreadPool(contenders);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < contenders; i++) {
                    Chat chat = sameChat ? chats.get(0) : chats.get(i % 2);
                    results.add(pool.submit(() -> {
                        start.await();
                        return store().change(chat.id(), c -> c.recordNotification(id, T0));
                    }));
                }
                start.countDown();
                int recorded = 0;
                for (Future<Boolean> result : results) {
                    recorded += result.get(1, TimeUnit.MINUTES) ? 1 : 0;
                }
                assertThat(recorded).as(sameChat ? "in one chat" : "across chats").isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void longDeletionErrorsAreCutToFit() {
        User ada = registered("ada");
        Chat chat = newChat(ada);
        String key = key();
        store().change(chat.id(), c -> {
            c.scheduleMediaDeletion(key, ResourceType.RAW, T0);
            return null;
        });
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
    void contradictionsAreRefusedAndLeaveNoTrace() {
        User ada = registered("ada");
        User bob = registered("bob");
        Chat chat = newChat(ada);
        MessageId id = append(chat, NewMessage.text(new MessageId(UUID.randomUUID()), ada.id(), new MessageText("hi"),
                                                    Optional.of(new ClientMessageId("same")), T0));

        assertThatThrownBy(() -> store().change(chat.id(), c -> c.addMember(new Membership(ada.id(), Role.MEMBER), T0)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store().change(chat.id(), c -> c.removeMember(bob.id(), T0)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store().change(chat.id(), c -> c.deleteMessage(new MessageId(UUID.randomUUID()), T0)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store().change(chat.id(), c -> c.appendMessage(NewMessage.text(
                new MessageId(UUID.randomUUID()), ada.id(), new MessageText("again"), Optional.of(new ClientMessageId("same")), T0))))
                .isInstanceOf(IllegalStateException.class);
        store().change(chat.id(), c -> c.deleteMessage(id, T0));
        assertThatThrownBy(() -> store().change(chat.id(), c -> c.deleteMessage(id, T0)))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(3);
        assertThat(store().eventsAfter(chat.id(), 0, 100)).extracting(ChatEvent::seq).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aChangeCannotBeUsedAfterItEnded() {
        User ada = registered("ada");
        Chat chat = newChat(ada);
        AtomicReference<ChatChange> leaked = new AtomicReference<>();
        store().change(chat.id(), c -> {
            leaked.set(c);
            return null;
        });
        assertThatThrownBy(() -> leaked.get().addMember(new Membership(new UserId(UUID.randomUUID()), Role.MEMBER), T0))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> leaked.get().roleOf(ada.id())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void portsCalledDuringAChangeShareItsTransactionAndConnection() {
        // one connection in the pool: a read that took a second connection would wait for the timeout and fail
        try (Persistence single = database().open(Map.of("pool-size", "1", "connection-timeout", "PT2S"))) {
            JdbcStore store = single.store();
            User ada = registered(store, "ada");
            User bob = registered(store, "bob");
            Chat chat = newChat(store, ada);
            String seen = store.change(chat.id(), c -> {
                assertThat(store.existing(List.of(bob.id()))).containsExactly(bob.id());
                c.addMember(new Membership(bob.id(), Role.ADMIN), T0);
                // read-your-writes: the other ports see the uncommitted member and seq
                return store.roleOf(chat.id(), bob.id()).orElseThrow() + "/" + store.chat(chat.id()).orElseThrow().lastSeq()
                       + "/" + store.positionsOf(bob.id()).size();
            });
            assertThat(seen).isEqualTo("ADMIN/2/1");
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
        CreateChatPort.CreatedChat created = store().create(new CreateChatPort.NewChat(id, new ChatTitle("Big"), T0, members));
        assertThat(created.events()).hasSize(1001);
        assertThat(created.chat().lastSeq()).isEqualTo(1001);

        String roster = store().change(id, c -> c.roleOf(owner.id()).orElseThrow() + "/" + c.roleOf(members.get(1).userId()).orElseThrow()
                                               + "/" + c.ownerCount() + "/" + c.memberCount() + "/" + c.roleOf(new UserId(UUID.randomUUID())));
        assertThat(roster).isEqualTo("OWNER/ADMIN/1/1001/Optional.empty");
        ChatEvent posted = store().change(id, c -> c.appendMessage(NewMessage.text(
                new MessageId(UUID.randomUUID()), members.get(500).userId(), new MessageText("hi all"), Optional.empty(), T0)));
        assertThat(posted.seq()).isEqualTo(1002);

        Chat loaded = store().chat(id).orElseThrow();
        assertThat(loaded.members()).as("members in the order they joined").containsExactlyElementsOf(members);
        assertThat(store().chatsOf(members.get(999).userId())).extracting(Chat::id).containsExactly(id);
        assertThat(store().existing(members.stream().map(Membership::userId).toList())).hasSize(1001);
    }

    @Test
    void chatsAreListedMostRecentlyActiveFirst() {
        User ada = registered("ada");
        Chat older = newChat(ada);
        Chat newer = newChat(ada);
        assertThat(store().chatsOf(ada.id())).extracting(Chat::id).contains(older.id(), newer.id());
        store().change(older.id(), c -> c.appendMessage(NewMessage.text(
                new MessageId(UUID.randomUUID()), ada.id(), new MessageText("bump"), Optional.empty(), T0.plusSeconds(60))));
        assertThat(store().chatsOf(ada.id())).extracting(Chat::id).containsExactly(older.id(), newer.id());
    }

    @Test
    void manyRegistrationsOfOneNameCreateExactlyOneAccount() throws Exception {
        Username name = new Username("race-" + UUID.randomUUID().toString().substring(0, 8));
        int contenders = 24;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                User user = new User(new UserId(UUID.randomUUID()), name, new DisplayName("Contender " + i));
                attempts.add(() -> {
                    start.await();
                    return store().create(user, "hash", T0);
                });
            }
            List<Future<Boolean>> results = new ArrayList<>();
            attempts.forEach(a -> results.add(pool.submit(a)));
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get(1, TimeUnit.MINUTES) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(store().byUsername(name)).isPresent();
        } finally {
            pool.shutdownNow();
        }
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
            Chat chat = store().create(new CreateChatPort.NewChat(new ChatId(UUID.randomUUID()), new ChatTitle("tz"), at,
                                                                  List.of(new Membership(ada.id(), Role.OWNER)))).chat();
            MessageId id = append(chat, NewMessage.text(new MessageId(UUID.randomUUID()), ada.id(), new MessageText("t"),
                                                        Optional.empty(), at.plusMillis(1)));
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

    MessageId append(Chat chat, NewMessage message) {
        store().change(chat.id(), c -> c.appendMessage(message));
        return message.id();
    }

    User registered(String name) {
        return registered(store(), name);
    }

    Chat newChat(User owner) {
        return newChat(store(), owner);
    }

    static User registered(JdbcStore store, String name) {
        User user = new User(new UserId(UUID.randomUUID()), new Username(name + "-" + UUID.randomUUID().toString().substring(0, 8)),
                             new DisplayName(name));
        assertThat(store.create(user, "hash", T0)).isTrue();
        return user;
    }

    static Chat newChat(JdbcStore store, User owner) {
        return store.create(new CreateChatPort.NewChat(new ChatId(UUID.randomUUID()), new ChatTitle("Chat"), T0,
                                                       List.of(new Membership(owner.id(), Role.OWNER)))).chat();
    }

}
