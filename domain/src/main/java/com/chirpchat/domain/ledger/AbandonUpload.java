package com.chirpchat.domain.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaOutcome;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;

/**
 * A media message whose upload never arrived fails ({@code media_failed}), so members don't wait on it forever;
 * whatever might still arrive is queued for deletion. Nothing happens when the upload arrived or the message went
 * meanwhile. The result says whether it failed the media.
 */
public record AbandonUpload(ChatId chatId, MessageId messageId, Instant at) implements ChatCommand<Boolean> {
    static final String REASON = "the upload never arrived";

    public AbandonUpload {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public Concerns concerns() {
        return Concerns.NONE.message(messageId);
    }

    @Override
    public Outcome<Boolean> decide(ChatState state) {
        Recorder recorder = Recorder.on(state, chatId);
        Optional<Message> waiting = state.message(messageId)
                .filter(m -> !m.deleted() && m.media().map(a -> a.status() == MediaStatus.UPLOADING).orElse(false));
        if (waiting.isEmpty()) {
            return Outcome.unchanged(state, false);
        }
        MediaAsset before = waiting.get().media().orElseThrow();
        MediaChanges.store(recorder, waiting.get(), new MediaOutcome.Changed(before, before.failed(REASON)), at);
        return recorder.accept(true);
    }
}
