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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.chirpchat.application.media.MediaDeletionQueuePort;
import com.chirpchat.application.media.MediaDeletionTask;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.ChatEventType;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.ledger.AddMember;
import com.chirpchat.domain.ledger.ApplyMediaReport;
import com.chirpchat.domain.ledger.RemoveMember;
import com.chirpchat.domain.ledger.ChatChanges;
import com.chirpchat.domain.ledger.ChatWrite;
import com.chirpchat.domain.ledger.Concerns;
import com.chirpchat.domain.ledger.DeleteMessage;
import com.chirpchat.domain.ledger.Outcome;
import com.chirpchat.domain.ledger.ReportEffect;
import com.chirpchat.domain.ledger.StartUpload;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.media.MediaReport;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.AssetKey;
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
        Message placeholder = upload(chat, ada, ResourceType.VIDEO, T0);
        AssetKey key = new AssetKey(chat.id(), placeholder.id());
        assertThat(placeholder.media().orElseThrow().assetKey()).isEqualTo(key.value());
        assertThat(load(chat.id(), Concerns.NONE.message(key.messageId())).message(key.messageId())).hasValue(placeholder);
        assertThat(placeholder.media().orElseThrow().status()).isEqualTo(MediaStatus.UPLOADING);

        // processing reported before the upload: both facts must survive storage exactly
        MediaAsset early = placeholder.media().orElseThrow().processed(List.of("mp4", "poster"));
        write(chat.id(), new ChatWrite.StoreMedia(placeholder.id(), early));
        assertThat(store.loadMessage().message(placeholder.id()).orElseThrow().media()).hasValue(early);
        assertThat(store.loadChat().chat(chat.id()).orElseThrow().lastSeq()).as("progress is no event").isEqualTo(2);

        Outcome.Accepted<ReportEffect> settled = apply(new ApplyMediaReport(key, "n-" + UUID.randomUUID(),
                new MediaReport.Uploaded(FACTS, Optional.empty()), MediaLimits.defaults(), T0.plusSeconds(3)));
        assertThat(settled.result()).isEqualTo(ReportEffect.APPLIED);
        ChatEvent processed = settled.changes().events().getFirst();
        assertThat(processed.type()).isEqualTo(ChatEventType.MEDIA_PROCESSED);
        assertThat(processed.seq()).isEqualTo(3);
        Message stored = store.loadMessage().message(placeholder.id()).orElseThrow();
        assertThat(stored.media()).hasValue(early.uploaded(FACTS));
        assertThat(((EventData.MediaProcessed) processed.data()).message()).isEqualTo(stored);
        assertThat(store.loadEvents().eventsAfter(chat.id(), 2, 10)).containsExactly(processed);
    }

    /** Issue 14.8: what the store measured of each variant (size, duration) is kept for GET /media. */
    @Test
    void whatTheStoreMeasuredOfEachVariantSurvivesStorage() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        Message placeholder = upload(chat, ada, ResourceType.VIDEO, T0);
        MediaFacts mp4 = new MediaFacts(Optional.of("mp4"), OptionalLong.of(43_923), OptionalInt.of(720), OptionalInt.of(1280),
                                        OptionalDouble.of(2.021));
        MediaFacts hls = new MediaFacts(Optional.of("m3u8"), OptionalLong.empty(), OptionalInt.of(720), OptionalInt.of(1280),
                                        OptionalDouble.of(2.0));
        MediaFacts poster = new MediaFacts(Optional.empty(), OptionalLong.empty(), OptionalInt.of(720), OptionalInt.of(1280),
                                           OptionalDouble.empty());
        MediaAsset done = placeholder.media().orElseThrow().uploaded(FACTS).processed(List.of("mp4", "hls", "poster"),
                java.util.Map.of("mp4", mp4, "hls", hls, "poster", poster, "dash", mp4));
        assertThat(done.variantFacts()).as("only of variants made").containsOnlyKeys("mp4", "hls", "poster");
        write(chat.id(), new ChatWrite.StoreMedia(placeholder.id(), done));
        MediaAsset stored = store.loadMessage().message(placeholder.id()).orElseThrow().media().orElseThrow();
        assertThat(stored).isEqualTo(done);
        assertThat(stored.variantFacts("hls").durationSeconds()).hasValue(2.0);
        assertThat(stored.variantFacts("animated_preview")).isEqualTo(MediaFacts.UNKNOWN);
    }

    @Test
    void theDeclaredFileNameSurvivesStorageAndTheTombstoneForgetsIt() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        Message doc = apply(new StartUpload(chat.id(), ada.id(), new MessageId(UUID.randomUUID()), ResourceType.RAW,
                Optional.of("Zürich notes.txt"), OptionalLong.empty(), Optional.empty(), MediaLimits.defaults(), T0)).result().message();
        MediaAsset stored = store.loadMessage().message(doc.id()).orElseThrow().media().orElseThrow();
        assertThat(stored.fileName()).contains("Zürich notes.txt");
        assertThat(stored.format()).as("a document's format is its declared extension").contains("txt");
        apply(new DeleteMessage(chat.id(), ada.id(), doc.id(), T0));
        assertThat(store.loadMessage().message(doc.id()).orElseThrow().media()).isEmpty();
    }

    @Test
    void processingThatSettledWithNothingMadeIsStoredAsSuch() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        Message placeholder = upload(chat, ada, ResourceType.AUDIO, T0);
        MediaAsset settledEmpty = new MediaAsset(ResourceType.AUDIO, placeholder.media().orElseThrow().assetKey(),
                                                 Optional.of(FACTS), Optional.of(List.of()), Optional.empty());
        write(chat.id(), new ChatWrite.StoreMedia(placeholder.id(), settledEmpty));
        assertThat(store.loadMessage().message(placeholder.id()).orElseThrow().media())
                .as("'settled with no variants' differs from 'not settled'").hasValue(settledEmpty);
    }

    @Test
    void aFailedUploadIsStoredWithItsReasonItsEventAndItsFileQueued() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        Message placeholder = upload(chat, ada, ResourceType.IMAGE, T0);
        AssetKey key = new AssetKey(chat.id(), placeholder.id());
        ChatEvent event = apply(new ApplyMediaReport(key, "n-" + UUID.randomUUID(), new MediaReport.Uploaded(FACTS, Optional.empty()),
                                                     MediaLimits.defaults(), T0)).changes().events().getFirst();
        assertThat(event.type()).isEqualTo(ChatEventType.MEDIA_FAILED);
        assertThat(store.loadMessage().message(placeholder.id()).orElseThrow().media().orElseThrow().failureReason())
                .hasValue("format mp4 is not allowed for image");
        assertThat(store.loadEvents().eventsAfter(chat.id(), 2, 10)).containsExactly(event);
        assertThat(claimOurs(store.deletions(), T0, Set.of(key.value()))).extracting(MediaDeletionTask::type).containsExactly(ResourceType.IMAGE);
    }

    @Test
    void mediaChangesAreRefusedOnMessagesWithoutLiveMedia() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        Message text = post(chat, ada, "hi", Optional.empty(), T0);
        Message media = upload(chat, ada, ResourceType.IMAGE, T0);
        apply(new DeleteMessage(chat.id(), ada.id(), media.id(), T0));
        MediaAsset ready = media.media().orElseThrow().uploaded(FACTS).processed(List.of("thumbnail_250"));
        for (MessageId id : List.of(text.id(), media.id(), new MessageId(UUID.randomUUID()))) {
            assertThatThrownBy(() -> write(chat.id(), new ChatWrite.StoreMedia(id, ready))).isInstanceOf(IllegalStateException.class);
        }
        assertThat(store.loadMessage().message(text.id()).orElseThrow().media()).isEmpty();
        assertThat(store.loadMessage().message(media.id()).orElseThrow().media()).isEmpty();
        assertThat(store.loadChat().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(4);
    }

    /** Issue 13.2: the same signed upload posted again after the deletion's destroy ran must not stay as an orphan. */
    @Test
    void deletedMediaLosesItsFileAndAFileArrivingLaterIsQueuedForDestructionAgain() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        Message placeholder = upload(chat, ada, ResourceType.RAW, T0);
        AssetKey key = new AssetKey(chat.id(), placeholder.id());
        apply(new DeleteMessage(chat.id(), ada.id(), placeholder.id(), T0));
        assertThat(store.loadMessage().message(placeholder.id()).orElseThrow().media()).isEmpty();
        assertThat(claimOurs(store.deletions(), T0, Set.of(key.value()))).extracting(MediaDeletionTask::type).containsExactly(ResourceType.RAW);

        String late = "late-" + UUID.randomUUID();
        Outcome.Accepted<ReportEffect> report = apply(new ApplyMediaReport(key, late, new MediaReport.Uploaded(FACTS, Optional.empty()),
                                                                           MediaLimits.defaults(), T0, Optional.of(ResourceType.RAW)));
        assertThat(report.result()).isEqualTo(ReportEffect.ORPHANED);
        assertThat(report.changes().events()).isEmpty();
        assertThat(load(chat.id(), Concerns.NONE.notification(late)).handled(late)).isTrue();
        assertThat(claimOurs(store.deletions(), T0.plusSeconds(1), Set.of(key.value()))).as("queued again, durably")
                .extracting(MediaDeletionTask::type).containsExactly(ResourceType.RAW);
        assertThat(store.loadChat().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(3);
        assertThat(apply(new ApplyMediaReport(key, late, new MediaReport.Uploaded(FACTS, Optional.empty()), MediaLimits.defaults(), T0,
                                              Optional.of(ResourceType.RAW))).result()).isEqualTo(ReportEffect.REPEATED);

        // a file in one of our folders with no message at all, of a type the store did not say: destroyed as any type
        AssetKey stray = new AssetKey(chat.id(), new MessageId(UUID.randomUUID()));
        assertThat(apply(new ApplyMediaReport(stray, "stray-" + UUID.randomUUID(), new MediaReport.Uploaded(FACTS, Optional.empty()),
                                              MediaLimits.defaults(), T0)).result()).isEqualTo(ReportEffect.ORPHANED);
        assertThat(claimOurs(store.deletions(), T0.plusSeconds(1), Set.of(stray.value()))).extracting(MediaDeletionTask::type)
                .containsExactlyInAnyOrder(ResourceType.IMAGE, ResourceType.VIDEO, ResourceType.RAW);
        // an eager report about nothing of ours changes nothing
        assertThat(apply(new ApplyMediaReport(stray, "eager-" + UUID.randomUUID(), new MediaReport.Processed(List.of("thumbnail_250")),
                                              MediaLimits.defaults(), T0)).result()).isEqualTo(ReportEffect.NO_SUCH_MEDIA);
    }

    /** Issue 13.3: a signature obtained while a member, used after removal, must not put media into the chat. */
    @Test
    void removingAMemberFailsTheirUploadsStillUnderWayAndWhatArrivesLaterIsDestroyed() {
        User ada = registered("ada");
        User bob = registered("bob");
        Chat chat = newChat(ada).chat();
        apply(new AddMember(chat.id(), ada.id(), new Membership(bob.id(), Role.MEMBER), true, T0));
        Message waiting = upload(chat, bob, ResourceType.IMAGE, T0);
        Message arrived = upload(chat, bob, ResourceType.VIDEO, T0);
        apply(new ApplyMediaReport(new AssetKey(chat.id(), arrived.id()), "n-" + UUID.randomUUID(),
                                   new MediaReport.Uploaded(FACTS, Optional.empty()), MediaLimits.defaults(), T0));
        Message adas = upload(chat, ada, ResourceType.IMAGE, T0);

        List<ChatEvent> events = apply(new RemoveMember(chat.id(), ada.id(), bob.id(), T0.plusSeconds(1))).changes().events();
        assertThat(events).extracting(ChatEvent::type).containsExactly(ChatEventType.MEDIA_FAILED, ChatEventType.MEMBER_REMOVED);
        assertThat(((EventData.MediaFailed) events.getFirst().data()).message().id()).isEqualTo(waiting.id());
        MediaAsset failed = store.loadMessage().message(waiting.id()).orElseThrow().media().orElseThrow();
        assertThat(failed.status()).isEqualTo(MediaStatus.FAILED);
        assertThat(failed.failureReason()).contains("the uploader was removed from the chat");
        assertThat(store.loadMessage().message(arrived.id()).orElseThrow().media().orElseThrow().status())
                .as("what arrived while a member stays").isEqualTo(MediaStatus.PROCESSING);
        assertThat(store.loadMessage().message(adas.id()).orElseThrow().media().orElseThrow().status()).isEqualTo(MediaStatus.UPLOADING);
        AssetKey key = new AssetKey(chat.id(), waiting.id());
        assertThat(claimOurs(store.deletions(), T0.plusSeconds(2), Set.of(key.value()))).hasSize(1);

        String late = "late-" + UUID.randomUUID();
        Outcome.Accepted<ReportEffect> report = apply(new ApplyMediaReport(key, late, new MediaReport.Uploaded(FACTS, Optional.empty()),
                                                                           MediaLimits.defaults(), T0.plusSeconds(3)));
        assertThat(report.result()).isEqualTo(ReportEffect.ORPHANED);
        assertThat(report.changes().events()).as("no media_processed for the chat").isEmpty();
        assertThat(store.loadMessage().message(waiting.id()).orElseThrow().media().orElseThrow().status()).isEqualTo(MediaStatus.FAILED);
        assertThat(claimOurs(store.deletions(), T0.plusSeconds(4), Set.of(key.value()))).extracting(MediaDeletionTask::type)
                .containsExactly(ResourceType.IMAGE);

        // leaving fails one's own uploads the same way
        Message adasOther = upload(chat, ada, ResourceType.AUDIO, T0.plusSeconds(5));
        assertThat(apply(new RemoveMember(chat.id(), ada.id(), ada.id(), T0.plusSeconds(6))).changes().events())
                .extracting(e -> e.type().wireName(), e -> e.data() instanceof EventData.MediaFailed f ? f.message().id() : null)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("media_failed", adas.id()),
                                           org.assertj.core.groups.Tuple.tuple("media_failed", adasOther.id()),
                                           org.assertj.core.groups.Tuple.tuple("member_removed", null));
    }

    @Test
    void aNotificationIsRecordedOnceAndOnlyWhenItsChangeCommits() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        String id = "notification-" + UUID.randomUUID();
        Concerns concerns = Concerns.NONE.notification(id);
        assertThatThrownBy(() -> store(chat.id(), ChatChanges.of(new ChatWrite.RecordNotification(id, T0),
                                                                  new ChatWrite.Tombstone(new MessageId(UUID.randomUUID()), T0))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(load(chat.id(), concerns).handled(id)).as("rolled back with its change").isFalse();
        write(chat.id(), new ChatWrite.RecordNotification(id, T0));
        assertThat(load(chat.id(), concerns).handled(id)).isTrue();
        // recording it again is no error (a repeat racing in another change must not fail it) and keeps the first
        write(chat.id(), new ChatWrite.RecordNotification(id, T0.plus(Duration.ofDays(30))));
        assertThat(store.notifications().forgetNotificationsBefore(T0.plusSeconds(1))).isGreaterThanOrEqualTo(1);
        assertThat(load(chat.id(), concerns).handled(id)).as("the first recording's time was kept").isFalse();
    }

    @Test
    void aNotificationDeliveredManyTimesAtOnceIsAppliedOnce() throws Exception {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        Message placeholder = upload(chat, ada, ResourceType.RAW, T0);
        AssetKey key = new AssetKey(chat.id(), placeholder.id());
        ApplyMediaReport report = new ApplyMediaReport(key, "n-" + UUID.randomUUID(), new MediaReport.Uploaded(MediaFacts.UNKNOWN,
                                                       Optional.empty()), MediaLimits.defaults(), T0);
        int contenders = 12;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ReportEffect>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return apply(report).result();
                }));
            }
            start.countDown();
            List<ReportEffect> effects = new ArrayList<>();
            for (Future<ReportEffect> result : results) {
                effects.add(result.get(1, TimeUnit.MINUTES));
            }
            assertThat(effects).filteredOn(e -> e == ReportEffect.APPLIED).hasSize(1);
            assertThat(effects).filteredOn(e -> e == ReportEffect.REPEATED).hasSize(contenders - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.loadEvents().eventsAfter(chat.id(), 2, 100)).extracting(ChatEvent::type).containsExactly(ChatEventType.MEDIA_PROCESSED);
    }

    @Test
    void deletionsAreQueuedWithTheirChangeAndClaimedUnderALease() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        String doomed = "k/" + UUID.randomUUID();
        String rolledBack = "k/" + UUID.randomUUID();
        assertThatThrownBy(() -> store(chat.id(), ChatChanges.of(new ChatWrite.QueueAssetDeletion(rolledBack, ResourceType.VIDEO, T0),
                                                                  new ChatWrite.Tombstone(new MessageId(UUID.randomUUID()), T0))))
                .isInstanceOf(IllegalStateException.class);
        write(chat.id(), new ChatWrite.QueueAssetDeletion(doomed, ResourceType.VIDEO, T0));
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
        Message older = upload(chat, ada, ResourceType.IMAGE, T0.minusSeconds(20));
        Message newer = upload(chat, ada, ResourceType.VIDEO, T0.minusSeconds(10));
        Message arrived = upload(chat, ada, ResourceType.IMAGE, T0.minusSeconds(30));
        write(chat.id(), new ChatWrite.StoreMedia(arrived.id(), arrived.media().orElseThrow().uploaded(FACTS)));
        Message gone = upload(chat, ada, ResourceType.RAW, T0.minusSeconds(40));
        apply(new DeleteMessage(chat.id(), ada.id(), gone.id(), T0));
        upload(chat, ada, ResourceType.IMAGE, T0.plusSeconds(5));

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
        write(chat.id(), new ChatWrite.RecordNotification(old, T0.minus(Duration.ofDays(8))));
        write(chat.id(), new ChatWrite.RecordNotification(recent, T0));
        assertThat(store.notifications().forgetNotificationsBefore(T0.minus(Duration.ofDays(7)))).isGreaterThanOrEqualTo(1);
        Concerns both = Concerns.NONE.notification(old).notification(recent);
        assertThat(load(chat.id(), both).handled(old)).isFalse();
        assertThat(load(chat.id(), both).handled(recent)).isTrue();
        write(chat.id(), new ChatWrite.RecordNotification(old, T0));
        assertThat(load(chat.id(), both).handled(old)).isTrue();
    }

    @Test
    void aWorkerWhoseLeaseRanOutCannotUndoANewerClaim() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        String key = "k/" + UUID.randomUUID();
        write(chat.id(), new ChatWrite.QueueAssetDeletion(key, ResourceType.IMAGE, T0));
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
    void aWorkerStillAtItKeepsItsClaimByRenewingTheLease() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        String key = "k/" + UUID.randomUUID();
        write(chat.id(), new ChatWrite.QueueAssetDeletion(key, ResourceType.IMAGE, T0));
        MediaDeletionQueuePort queue = store.deletions();
        MediaDeletionTask claimed = claimOurs(queue, T0, Set.of(key)).get(0); // leased until T0 + 60 s

        assertThat(queue.renew(claimed, T0.plusSeconds(100))).isTrue();
        assertThat(claimOurs(queue, T0.plusSeconds(99), Set.of(key))).as("the renewed lease holds").isEmpty();
        assertThat(claimOurs(queue, T0.plusSeconds(100), Set.of(key))).hasSize(1);

        assertThat(queue.renew(claimed, T0.plusSeconds(500))).as("the lease ran out and another worker took it").isFalse();
        List<MediaDeletionTask> third = claimOurs(queue, T0.plusSeconds(161), Set.of(key));
        assertThat(third).as("the stale renewal changed nothing").extracting(MediaDeletionTask::attempts).containsExactly(3);
        queue.retryLater(third.get(0), T0.plusSeconds(1000), "released");
        assertThat(queue.renew(third.get(0), T0.plusSeconds(2000))).as("a released claim is not renewed").isFalse();
        MediaDeletionTask fourth = claimOurs(queue, T0.plusSeconds(1000), Set.of(key)).get(0);
        queue.completed(fourth.id());
        assertThat(queue.renew(fourth, T0.plusSeconds(2000))).as("nor a completed one").isFalse();
    }

    @Test
    void completedDeletionsAreGone() {
        User ada = registered("ada");
        Chat chat = newChat(ada).chat();
        String key = "k/" + UUID.randomUUID();
        write(chat.id(), new ChatWrite.QueueAssetDeletion(key, ResourceType.IMAGE, T0));
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
        write(chat.id(), keys.stream().map(k -> new ChatWrite.QueueAssetDeletion(k, ResourceType.IMAGE, T0)).toArray(ChatWrite[]::new));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // claimers go on until every task is claimed (bounded in rounds and time): a claim that meets the other
            // claimers' locks may come back empty, so a fixed number of rounds fails on a busy machine (CI did, 30 of 40)
            AtomicInteger oursClaimed = new AtomicInteger();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<Callable<List<String>>> claimers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                claimers.add(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int round = 0; round < 100_000 && oursClaimed.get() < keys.size() && System.nanoTime() < deadline; round++) {
                        for (MediaDeletionTask task : store.deletions().claimDue(T0.plusSeconds(1), Duration.ofMinutes(5), 3)) {
                            mine.add(task.assetKey());
                            if (keys.contains(task.assetKey())) {
                                oursClaimed.incrementAndGet();
                            }
                        }
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

    /** A media message waiting for its upload, as a member's upload request makes it. */
    private Message upload(Chat chat, User author, ResourceType type, Instant at) {
        return apply(new StartUpload(chat.id(), author.id(), new MessageId(UUID.randomUUID()), type, Optional.empty(), OptionalLong.empty(),
                                     Optional.of(new ClientMessageId("m-" + UUID.randomUUID().toString().substring(0, 8))),
                                     MediaLimits.defaults(), at)).result().message();
    }
}
