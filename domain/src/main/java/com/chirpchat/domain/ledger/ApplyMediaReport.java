package com.chirpchat.domain.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.media.MediaOutcome;
import com.chirpchat.domain.media.MediaReport;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.AssetKey;
import com.chirpchat.domain.message.Message;

/**
 * Applies what the media store reported in notification {@code notificationId} about the file at {@code key}.
 * The asset decides ({@link MediaAsset#apply}); the chat hears {@code media_processed} or {@code media_failed}
 * once, when the media settles, and a failed file is queued for deletion. The notification is recorded as handled
 * whenever it concerned a live media message, so its repeats change nothing.
 * <p>
 * A file that arrives where no live media message wants it is an orphan, and is queued for destruction durably, in
 * the same transaction as the notification is recorded: the upload of a message deleted meanwhile (its signature
 * stays valid for the store's hour, so the same upload can be posted again after the deletion's destroy ran), or the
 * upload of media that failed before it came (abandoned, or its uploader left the chat). {@code storedAs} is the
 * type the store says it stored the file as; when unknown, the file is destroyed under every type it could be.
 */
public record ApplyMediaReport(AssetKey key, String notificationId, MediaReport report, MediaLimits limits, Instant at,
                               Optional<ResourceType> storedAs)
        implements ChatCommand<ReportEffect> {
    public ApplyMediaReport {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(storedAs, "storedAs");
    }

    public ApplyMediaReport(AssetKey key, String notificationId, MediaReport report, MediaLimits limits, Instant at) {
        this(key, notificationId, report, limits, at, Optional.empty());
    }

    private void recordHandled(Recorder recorder) {
        recorder.write(new ChatWrite.RecordNotification(notificationId, at));
        recorder.update(s -> s.withNotification(notificationId, at));
    }

    @Override
    public ChatId chatId() {
        return key.chatId();
    }

    @Override
    public Concerns concerns() {
        return Concerns.NONE.message(key.messageId()).notification(notificationId);
    }

    @Override
    public Outcome<ReportEffect> decide(ChatState state) {
        Recorder recorder = Recorder.on(state, chatId());
        if (state.handled(notificationId)) {
            return Outcome.unchanged(state, ReportEffect.REPEATED);
        }
        Optional<Message> found = state.message(key.messageId())
                .filter(m -> !m.deleted() && m.media().map(a -> a.assetKey().equals(key.value())).orElse(false));
        boolean arrived = report instanceof MediaReport.Uploaded;
        if (found.isEmpty()) {
            if (!arrived) {
                return Outcome.unchanged(state, ReportEffect.NO_SUCH_MEDIA);
            }
            recordHandled(recorder);
            List<ResourceType> types = storedAs.map(List::of).orElse(List.of(ResourceType.IMAGE, ResourceType.VIDEO, ResourceType.RAW));
            types.forEach(type -> recorder.write(new ChatWrite.QueueAssetDeletion(key.value(), type, at)));
            return recorder.accept(ReportEffect.ORPHANED);
        }
        recordHandled(recorder);
        Message message = found.get();
        MediaAsset asset = message.media().orElseThrow();
        if (arrived && asset.status() == MediaStatus.FAILED && asset.facts().isEmpty()) {
            // failed before its file came: the file is unwanted, whatever deletion ran before it landed
            recorder.write(new ChatWrite.QueueAssetDeletion(asset.assetKey(), asset.resourceType(), at));
            return recorder.accept(ReportEffect.ORPHANED);
        }
        return switch (message.media().orElseThrow().apply(report, limits)) {
            case MediaOutcome.Unchanged unchanged -> recorder.accept(ReportEffect.REPEATED);
            case MediaOutcome.Rejected rejected -> recorder.accept(ReportEffect.CONTRADICTED);
            case MediaOutcome.Changed changed -> {
                MediaChanges.store(recorder, message, changed, at);
                yield recorder.accept(ReportEffect.APPLIED);
            }
        };
    }
}
