package com.chirpchat.domain.ledger;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.media.MediaReport;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.AssetKey;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static com.chirpchat.domain.ledger.States.T0;
import static org.assertj.core.api.Assertions.assertThat;

class MediaDecisionsTest {
    private static final MediaFacts PNG = new MediaFacts(Optional.of("png"), OptionalLong.of(1000), OptionalInt.of(64),
                                                         OptionalInt.of(48), OptionalDouble.empty());
    private final ChatId chat = new ChatId(UUID.randomUUID());
    private final UserId ada = States.user();
    private final MessageId id = States.messageId();
    private final AssetKey key = new AssetKey(chat, id);
    private final Message waiting = Message.media(id, chat, 2, ada, MediaAsset.uploading(ResourceType.IMAGE, key.value()), T0);

    @Test
    void progressIsStoredQuietlyAndSettlingIsAnnouncedOnce() {
        ChatState state = States.chat(chat, 2).message(waiting).notification("n-1", false).notification("n-2", false).build();
        ApplyMediaReport upload = report("n-1", new MediaReport.Uploaded(PNG, Optional.empty()));
        assertThat(upload.concerns()).isEqualTo(Concerns.NONE.message(id).notification("n-1"));

        Outcome.Accepted<ReportEffect> uploaded = upload.decide(state).orThrow();
        MediaAsset processing = waiting.media().orElseThrow().uploaded(PNG);
        assertThat(uploaded.result()).isEqualTo(ReportEffect.APPLIED);
        assertThat(uploaded.changes().writes()).containsExactly(new ChatWrite.RecordNotification("n-1", T0),
                                                                 new ChatWrite.StoreMedia(id, processing));
        assertThat(uploaded.changes().events()).as("progress needs no event").isEmpty();

        Outcome.Accepted<ReportEffect> processed = report("n-2", new MediaReport.Processed(List.of("thumbnail_250", "preview_800")))
                .decide(uploaded.after()).orThrow();
        Message ready = waiting.withMedia(processing.processed(List.of("thumbnail_250", "preview_800")));
        assertThat(processed.changes().events()).containsExactly(new ChatEvent(chat, 3, T0, new EventData.MediaProcessed(ready)));
        assertThat(processed.after().message(id)).hasValue(ready);

        assertThat(upload.decide(processed.after()).orThrow().result()).as("the same notification again").isEqualTo(ReportEffect.REPEATED);
        assertThat(upload.decide(processed.after()).orThrow().changes().isEmpty()).isTrue();
    }

    @Test
    void aRepeatUnderANewIdIsRecordedButChangesNothingAndContradictionsAreToldApart() {
        Message ready = waiting.withMedia(waiting.media().orElseThrow().uploaded(PNG).processed(List.of("thumbnail_250")));
        ChatState state = States.chat(chat, 3).message(ready).notification("again", false).notification("other", false).build();
        Outcome.Accepted<ReportEffect> again = report("again", new MediaReport.Uploaded(PNG, Optional.empty())).decide(state).orThrow();
        assertThat(again.result()).isEqualTo(ReportEffect.REPEATED);
        assertThat(again.changes().writes()).containsExactly(new ChatWrite.RecordNotification("again", T0));
        Outcome.Accepted<ReportEffect> other = report("other", new MediaReport.Failed("late news")).decide(state).orThrow();
        assertThat(other.result()).isEqualTo(ReportEffect.CONTRADICTED);
        assertThat(other.changes().events()).isEmpty();
    }

    @Test
    void anUploadBreakingTheLimitsFailsAndFreesItsStorage() {
        MediaFacts video = new MediaFacts(Optional.of("mp4"), OptionalLong.of(1000), OptionalInt.empty(), OptionalInt.empty(),
                                          OptionalDouble.empty());
        ChatState state = States.chat(chat, 2).message(waiting).notification("n", false).build();
        Outcome.Accepted<ReportEffect> done = report("n", new MediaReport.Uploaded(video, Optional.empty())).decide(state).orThrow();
        Message failed = done.after().message(id).orElseThrow();
        assertThat(failed.media().orElseThrow().status()).isEqualTo(MediaStatus.FAILED);
        assertThat(done.changes().writes()).contains(new ChatWrite.QueueAssetDeletion(key.value(), ResourceType.IMAGE, T0));
        assertThat(done.changes().events()).containsExactly(new ChatEvent(chat, 3, T0, new EventData.MediaFailed(failed)));
    }

    @Test
    void aFileArrivingForADeletedMessageIsAnOrphanQueuedForDestruction() {
        ChatState deleted = States.chat(chat, 3).message(waiting.tombstone()).notification("n", false).build();
        Outcome.Accepted<ReportEffect> late = new ApplyMediaReport(key, "n", new MediaReport.Uploaded(PNG, Optional.empty()),
                MediaLimits.defaults(), T0, Optional.of(ResourceType.IMAGE)).decide(deleted).orThrow();
        assertThat(late.result()).isEqualTo(ReportEffect.ORPHANED);
        assertThat(late.changes().events()).isEmpty();
        assertThat(late.changes().writes()).containsExactly(new ChatWrite.RecordNotification("n", T0),
                                                            new ChatWrite.QueueAssetDeletion(key.value(), ResourceType.IMAGE, T0));
        assertThat(late.after().handled("n")).isTrue();
        Outcome.Accepted<ReportEffect> untyped = report("n", new MediaReport.Uploaded(PNG, Optional.empty())).decide(deleted).orThrow();
        assertThat(untyped.changes().writes()).as("a type the store did not say: every type it could be")
                .contains(new ChatWrite.QueueAssetDeletion(key.value(), ResourceType.IMAGE, T0),
                          new ChatWrite.QueueAssetDeletion(key.value(), ResourceType.VIDEO, T0),
                          new ChatWrite.QueueAssetDeletion(key.value(), ResourceType.RAW, T0));
    }

    @Test
    void aFileArrivingAfterItsMediaFailedIsAnOrphanQueuedForDestruction() {
        Message failed = waiting.withMedia(waiting.media().orElseThrow().failed("the uploader left the chat"));
        ChatState state = States.chat(chat, 3).message(failed).notification("n", false).build();
        Outcome.Accepted<ReportEffect> late = report("n", new MediaReport.Uploaded(PNG, Optional.empty())).decide(state).orThrow();
        assertThat(late.result()).isEqualTo(ReportEffect.ORPHANED);
        assertThat(late.changes().events()).isEmpty();
        assertThat(late.changes().writes()).containsExactly(new ChatWrite.RecordNotification("n", T0),
                                                            new ChatWrite.QueueAssetDeletion(key.value(), ResourceType.IMAGE, T0));
        assertThat(late.after().message(id).orElseThrow()).isEqualTo(failed);
    }

    @Test
    void reportsAboutMediaThatIsNotThereRecordNothing() {
        MessageId otherId = States.messageId();
        ChatState deleted = States.chat(chat, 3).message(waiting.tombstone()).notification("n", false).build();
        Outcome.Accepted<ReportEffect> late = report("n", new MediaReport.Processed(List.of("thumbnail_250"))).decide(deleted).orThrow();
        assertThat(late.result()).isEqualTo(ReportEffect.NO_SUCH_MEDIA);
        assertThat(late.changes().isEmpty()).isTrue();
        ChatState none = States.chat(chat, 3).noMessage(otherId).notification("n", false).build();
        assertThat(new ApplyMediaReport(new AssetKey(chat, otherId), "n", new MediaReport.Failed("x"), MediaLimits.defaults(), T0)
                           .decide(none).orThrow().result()).isEqualTo(ReportEffect.NO_SUCH_MEDIA);
        Message elsewhere = Message.media(id, chat, 2, ada, MediaAsset.uploading(ResourceType.IMAGE, "chats/other/key"), T0);
        ChatState wrongKey = States.chat(chat, 3).message(elsewhere).notification("n", false).build();
        assertThat(report("n", new MediaReport.Failed("x")).decide(wrongKey).orThrow().result()).isEqualTo(ReportEffect.NO_SUCH_MEDIA);
        ChatState seen = States.chat(chat, 3).message(waiting).notification("n", true).build();
        assertThat(report("n", new MediaReport.Failed("x")).decide(seen).orThrow().result()).isEqualTo(ReportEffect.REPEATED);
    }

    @Test
    void anAbandonedUploadFailsOnceAndOnlyWhileStillWaiting() {
        ChatState state = States.chat(chat, 2).message(waiting).build();
        AbandonUpload abandon = new AbandonUpload(chat, id, T0);
        Outcome.Accepted<Boolean> done = abandon.decide(state).orThrow();
        assertThat(done.result()).isTrue();
        Message failed = done.after().message(id).orElseThrow();
        assertThat(failed.media().orElseThrow().failureReason()).hasValue("the upload never arrived");
        assertThat(done.changes().writes()).containsExactly(new ChatWrite.QueueAssetDeletion(key.value(), ResourceType.IMAGE, T0),
                                                             new ChatWrite.StoreMedia(id, failed.media().orElseThrow()));
        assertThat(done.changes().events()).extracting(ChatEvent::data).containsExactly(new EventData.MediaFailed(failed));
        assertThat(abandon.decide(done.after()).orThrow().result()).isFalse();
        Message arrived = waiting.withMedia(waiting.media().orElseThrow().uploaded(PNG));
        assertThat(abandon.decide(States.chat(chat, 2).message(arrived).build()).orThrow().result()).isFalse();
    }

    private ApplyMediaReport report(String notification, MediaReport report) {
        return new ApplyMediaReport(key, notification, report, MediaLimits.defaults(), T0);
    }
}
