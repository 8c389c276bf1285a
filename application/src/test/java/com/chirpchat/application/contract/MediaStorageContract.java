package com.chirpchat.application.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.chirpchat.application.ledger.NewMessage;
import com.chirpchat.application.media.MediaDeletionQueuePort;
import com.chirpchat.application.media.MediaDeletionTask;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.ChatEventType;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every store must do for media: media messages, their states and events, notifications, the deletion queue. */
public abstract class MediaStorageContract extends StoreContract {
    private static final MediaFacts FACTS = new MediaFacts(Optional.of("mp4"), OptionalLong.of(1_234_567), OptionalInt.of(1280),
                                                           OptionalInt.of(720), OptionalDouble.of(12.5));

    @Test
    void mediaMessagesKeepEveryStateAcrossTheRoundTrip() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        String key = "chats/" + chat.id() + "/" + UUID.randomUUID();
        Message placeholder = appendMedia(chat, ada, MediaAsset.uploading(ResourceType.VIDEO, key));
        assertThat(store.loadMessage().messageByAssetKey(key)).hasValue(placeholder);
        assertThat(placeholder.media().orElseThrow().status()).isEqualTo(MediaStatus.UPLOADING);

        // processing reported before the upload: both facts must survive storage exactly
        MediaAsset early = placeholder.media().orElseThrow().processed(List.of("mp4", "poster"));
        store.ledger().change(chat.id(), c -> {
            c.updateMedia(placeholder.id(), early);
            return null;
        });
        assertThat(store.loadMessage().message(placeholder.id()).orElseThrow().media()).hasValue(early);

        MediaAsset ready = early.uploaded(FACTS);
        ChatEvent processed = store.ledger().change(chat.id(), c -> c.settleMedia(placeholder.id(), ready, T0.plusSeconds(3)));
        assertThat(processed.type()).isEqualTo(ChatEventType.MEDIA_PROCESSED);
        assertThat(processed.seq()).isEqualTo(3);
        Message stored = store.loadMessage().message(placeholder.id()).orElseThrow();
        assertThat(stored.media()).hasValue(ready);
        assertThat(((EventData.MediaProcessed) processed.data()).message()).isEqualTo(stored);
        assertThat(store.loadEvents().eventsAfter(chat.id(), 2, 10)).containsExactly(processed);
    }

    @Test
    void processingThatSettledWithNothingMadeIsStoredAsSuch() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        Message placeholder = appendMedia(chat, ada, MediaAsset.uploading(ResourceType.AUDIO, "k/" + UUID.randomUUID()));
        MediaAsset settledEmpty = new MediaAsset(ResourceType.AUDIO, placeholder.media().orElseThrow().assetKey(),
                                                 Optional.of(FACTS), Optional.of(List.of()), Optional.empty());
        store.ledger().change(chat.id(), c -> {
            c.updateMedia(placeholder.id(), settledEmpty);
            return null;
        });
        assertThat(store.loadMessage().message(placeholder.id()).orElseThrow().media())
                .as("'settled with no variants' differs from 'not settled'").hasValue(settledEmpty);
    }

    @Test
    void failedMediaEmitsMediaFailed() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        Message placeholder = appendMedia(chat, ada, MediaAsset.uploading(ResourceType.IMAGE, "k/" + UUID.randomUUID()));
        MediaAsset failed = placeholder.media().orElseThrow().uploaded(FACTS).failed("format mp4 is not allowed for image");
        ChatEvent event = store.ledger().change(chat.id(), c -> c.settleMedia(placeholder.id(), failed, T0));
        assertThat(event.type()).isEqualTo(ChatEventType.MEDIA_FAILED);
        assertThat(store.loadMessage().message(placeholder.id()).orElseThrow().media().orElseThrow().failureReason())
                .hasValue("format mp4 is not allowed for image");
    }

    @Test
    void unsettledMediaCannotBeSettledAndTextHasNoMedia() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        Message placeholder = appendMedia(chat, ada, MediaAsset.uploading(ResourceType.IMAGE, "k/" + UUID.randomUUID()));
        assertThatThrownBy(() -> store.ledger().change(chat.id(), c ->
                c.settleMedia(placeholder.id(), placeholder.media().orElseThrow(), T0))).isInstanceOf(IllegalStateException.class);
        assertThat(store.loadChat().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(2);
    }

    @Test
    void deletedMediaIsNoLongerFoundByItsKey() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        String key = "k/" + UUID.randomUUID();
        Message placeholder = appendMedia(chat, ada, MediaAsset.uploading(ResourceType.RAW, key));
        store.ledger().change(chat.id(), c -> c.deleteMessage(placeholder.id(), T0));
        assertThat(store.loadMessage().messageByAssetKey(key)).isEmpty();
        assertThat(store.loadMessage().message(placeholder.id()).orElseThrow().media()).isEmpty();
    }

    @Test
    void aNotificationIsRecordedOnceAndOnlyWhenItsChangeCommits() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        String id = "notification-" + UUID.randomUUID();
        assertThatThrownBy(() -> store.ledger().change(chat.id(), c -> {
            assertThat(c.recordNotification(id, T0)).isTrue();
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        Boolean first = store.ledger().change(chat.id(), c -> c.recordNotification(id, T0));
        Boolean again = store.ledger().change(chat.id(), c -> c.recordNotification(id, T0));
        assertThat(first).isTrue();
        assertThat(again).isFalse();
    }

    @Test
    void deletionsAreQueuedWithTheirChangeAndClaimedUnderALease() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        String doomed = "k/" + UUID.randomUUID();
        String rolledBack = "k/" + UUID.randomUUID();
        assertThatThrownBy(() -> store.ledger().change(chat.id(), c -> {
            c.scheduleMediaDeletion(rolledBack, ResourceType.VIDEO, T0);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        store.ledger().change(chat.id(), c -> {
            c.scheduleMediaDeletion(doomed, ResourceType.VIDEO, T0);
            return null;
        });
        MediaDeletionQueuePort queue = store.deletions();

        List<MediaDeletionTask> claimed = claimOurs(queue, T0, Set.of(doomed, rolledBack));
        assertThat(claimed).extracting(MediaDeletionTask::assetKey).containsExactly(doomed);
        MediaDeletionTask task = claimed.get(0);
        assertThat(task.type()).isEqualTo(ResourceType.VIDEO);
        assertThat(task.attempts()).isEqualTo(1);
        assertThat(claimOurs(queue, T0.plusSeconds(30), Set.of(doomed))).as("claimed under a lease").isEmpty();

        // the claimant died: the lease runs out and the task comes back with its attempt counted
        MediaDeletionTask again = claimOurs(queue, T0.plusSeconds(61), Set.of(doomed)).get(0);
        assertThat(again.attempts()).isEqualTo(2);
        queue.retryLater(again, T0.plusSeconds(600), "store unavailable");
        assertThat(claimOurs(queue, T0.plusSeconds(599), Set.of(doomed))).isEmpty();
        MediaDeletionTask third = claimOurs(queue, T0.plusSeconds(600), Set.of(doomed)).get(0);
        assertThat(third.attempts()).isEqualTo(3);

        long deadBefore = queue.stats().deadLettered();
        queue.deadLetter(third, "gave up");
        assertThat(queue.stats().deadLettered()).isEqualTo(deadBefore + 1);
        assertThat(claimOurs(queue, T0.plus(Duration.ofDays(1)), Set.of(doomed))).as("dead letters stay put").isEmpty();
    }

    @Test
    void uploadsStillWaitingAreFoundOldestFirst() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        Message older = appendMedia(chat, ada, MediaAsset.uploading(ResourceType.IMAGE, "k/" + UUID.randomUUID()), T0.minusSeconds(20));
        Message newer = appendMedia(chat, ada, MediaAsset.uploading(ResourceType.VIDEO, "k/" + UUID.randomUUID()), T0.minusSeconds(10));
        Message arrived = appendMedia(chat, ada, MediaAsset.uploading(ResourceType.IMAGE, "k/" + UUID.randomUUID()), T0.minusSeconds(30));
        store.ledger().change(chat.id(), c -> {
            c.updateMedia(arrived.id(), arrived.media().orElseThrow().uploaded(FACTS));
            return null;
        });
        Message gone = appendMedia(chat, ada, MediaAsset.uploading(ResourceType.RAW, "k/" + UUID.randomUUID()), T0.minusSeconds(40));
        store.ledger().change(chat.id(), c -> c.deleteMessage(gone.id(), T0));
        appendMedia(chat, ada, MediaAsset.uploading(ResourceType.IMAGE, "k/" + UUID.randomUUID()), T0.plusSeconds(5));

        List<Message> waiting = store.loadMessage().uploadsStartedBefore(T0, 1000).stream()
                .filter(m -> m.chatId().equals(chat.id())).toList();
        assertThat(waiting).extracting(Message::id).containsExactly(older.id(), newer.id());
        assertThat(store.loadMessage().uploadsStartedBefore(T0.minus(Duration.ofDays(3650)), 10)).isEmpty();
    }

    @Test
    void forgottenNotificationsCanBeRecordedAgain() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        store.ledger().change(chat.id(), c -> c.recordNotification(old, T0.minus(Duration.ofDays(8))));
        store.ledger().change(chat.id(), c -> c.recordNotification(recent, T0));
        assertThat(store.notifications().forgetNotificationsBefore(T0.minus(Duration.ofDays(7)))).isGreaterThanOrEqualTo(1);
        Boolean oldAgain = store.ledger().change(chat.id(), c -> c.recordNotification(old, T0));
        Boolean recentAgain = store.ledger().change(chat.id(), c -> c.recordNotification(recent, T0));
        assertThat(oldAgain).isTrue();
        assertThat(recentAgain).isFalse();
    }

    @Test
    void aWorkerWhoseLeaseRanOutCannotUndoANewerClaim() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        String key = "k/" + UUID.randomUUID();
        store.ledger().change(chat.id(), c -> {
            c.scheduleMediaDeletion(key, ResourceType.IMAGE, T0);
            return null;
        });
        MediaDeletionQueuePort queue = store.deletions();
        MediaDeletionTask stale = claimOurs(queue, T0, Set.of(key)).get(0);
        MediaDeletionTask current = claimOurs(queue, T0.plusSeconds(61), Set.of(key)).get(0);
        queue.retryLater(stale, T0.plus(Duration.ofDays(1)), "late news from a worker that lost its lease");
        queue.deadLetter(stale, "so late");
        assertThat(claimOurs(queue, T0.plusSeconds(62), Set.of(key))).as("the newer claim still holds").isEmpty();
        queue.retryLater(current, T0.plusSeconds(70), "the current worker retries");
        assertThat(claimOurs(queue, T0.plusSeconds(70), Set.of(key))).extracting(MediaDeletionTask::attempts).containsExactly(3);
    }

    @Test
    void completedDeletionsAreGone() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        String key = "k/" + UUID.randomUUID();
        store.ledger().change(chat.id(), c -> {
            c.scheduleMediaDeletion(key, ResourceType.IMAGE, T0);
            return null;
        });
        MediaDeletionTask task = claimOurs(store.deletions(), T0, Set.of(key)).get(0);
        store.deletions().completed(task.id());
        assertThat(claimOurs(store.deletions(), T0.plus(Duration.ofDays(1)), Set.of(key))).isEmpty();
    }

    @Test
    void concurrentClaimersNeverShareATask() throws Exception {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            keys.add("k/" + UUID.randomUUID());
        }
        store.ledger().change(chat.id(), c -> {
            keys.forEach(k -> c.scheduleMediaDeletion(k, ResourceType.IMAGE, T0));
            return null;
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<String>>> claimers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                claimers.add(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int round = 0; round < 50; round++) {
                        store.deletions().claimDue(T0.plusSeconds(1), Duration.ofMinutes(5), 3).stream()
                                .map(MediaDeletionTask::assetKey).forEach(mine::add);
                    }
                    return mine;
                });
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : pool.invokeAll(claimers, 2, TimeUnit.MINUTES)) {
                all.addAll(f.get());
            }
            List<String> ours = all.stream().filter(keys::contains).toList();
            assertThat(ours).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(keys);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Claims at {@code now} and keeps only this test's tasks (releasing the others' claims is not needed: leases end). */
    private static List<MediaDeletionTask> claimOurs(MediaDeletionQueuePort queue, Instant now, Set<String> ours) {
        List<MediaDeletionTask> claimed = queue.claimDue(now, Duration.ofSeconds(60), 1000);
        for (MediaDeletionTask task : claimed) {
            if (!ours.contains(task.assetKey())) {
                queue.retryLater(task, now, "not this test's");
            }
        }
        return claimed.stream().filter(t -> ours.contains(t.assetKey())).toList();
    }

    private Message appendMedia(Chat chat, User author, MediaAsset asset) {
        return appendMedia(chat, author, asset, T0);
    }

    private Message appendMedia(Chat chat, User author, MediaAsset asset, Instant at) {
        ChatEvent event = store.ledger().change(chat.id(), c -> c.appendMessage(
                NewMessage.media(new MessageId(UUID.randomUUID()), author.id(), asset, Optional.of(new ClientMessageId("m-" + UUID.randomUUID().toString().substring(0, 8))), at)));
        return ((EventData.MessageCreated) event.data()).message();
    }
}
