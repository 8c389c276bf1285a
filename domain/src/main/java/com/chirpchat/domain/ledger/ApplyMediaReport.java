package com.chirpchat.domain.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.media.MediaOutcome;
import com.chirpchat.domain.media.MediaReport;
import com.chirpchat.domain.message.AssetKey;
import com.chirpchat.domain.message.Message;

/**
 * Applies what the media store reported in notification {@code notificationId} about the file at {@code key}.
 * The asset decides ({@link MediaAsset#apply}); the chat hears {@code media_processed} or {@code media_failed}
 * once, when the media settles, and a failed file is queued for deletion. The notification is recorded as handled
 * whenever it concerned a live media message, so its repeats change nothing.
 */
public record ApplyMediaReport(AssetKey key, String notificationId, MediaReport report, MediaLimits limits, Instant at)
        implements ChatCommand<ReportEffect> {
    public ApplyMediaReport {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(at, "at");
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
        if (found.isEmpty()) {
            return Outcome.unchanged(state, ReportEffect.NO_SUCH_MEDIA);
        }
        recorder.write(new ChatWrite.RecordNotification(notificationId, at));
        recorder.update(s -> s.withNotification(notificationId, at));
        Message message = found.get();
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
