package com.chirpchat.domain.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.common.Reason;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaOutcome;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;

/**
 * The uploader reports that the media store refused their direct upload (its error message as {@code reason}), so
 * the media fails at once ({@code media_failed}) instead of when the upload timeout runs out. Only the uploader, only
 * while the upload has not arrived; reporting a failure that is already recorded changes nothing. Whatever might
 * still arrive for it is queued for deletion (and destroyed on arrival). The result is the message as it now is.
 */
public record ReportUploadRefused(ChatId chatId, UserId actor, MessageId messageId, String reason, Instant at)
        implements ChatCommand<Message> {
    public static final int MAX_REASON = 500;
    static final String PREFIX = "the media store refused the upload: ";

    public ReportUploadRefused {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public Concerns concerns() {
        return Concerns.NONE.member(actor).message(messageId);
    }

    @Override
    public Outcome<Message> decide(ChatState state) {
        Recorder recorder = Recorder.on(state, chatId);
        String said = reason.strip();
        if (said.isEmpty() || said.length() > MAX_REASON || said.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            return Outcome.rejected(Reason.INVALID, "reason: must be 1 to " + MAX_REASON + " characters without control characters");
        }
        if (state.roster().roleOf(actor).isEmpty()) {
            return Outcome.rejected(Reason.NOT_A_MEMBER, "you are not a member of this chat");
        }
        Optional<Message> found = state.message(messageId).filter(m -> !m.deleted());
        if (found.isEmpty()) {
            return Outcome.rejected(Reason.NOT_FOUND, "no message " + messageId);
        }
        Message message = found.get();
        if (message.media().isEmpty()) {
            return Outcome.rejected(Reason.CONFLICT, "message " + messageId + " has no media");
        }
        if (!message.authorId().equals(actor)) {
            return Outcome.rejected(Reason.FORBIDDEN, "only the uploader reports their upload");
        }
        MediaAsset before = message.media().get();
        if (before.status() == MediaStatus.FAILED) {
            return Outcome.unchanged(state, message);
        }
        if (before.status() != MediaStatus.UPLOADING) {
            return Outcome.rejected(Reason.CONFLICT, "the upload already arrived; the media is " + before.status().wireName());
        }
        MediaChanges.store(recorder, message, new MediaOutcome.Changed(before, before.failed(PREFIX + said)), at);
        return recorder.accept(message.withMedia(before.failed(PREFIX + said)));
    }
}
