package com.chirpchat.domain.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.MembershipRules;
import com.chirpchat.domain.common.Decision;
import com.chirpchat.domain.common.Reason;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;

/**
 * Deletes a message, leaving its tombstone ({@code message_deleted}); its file, if it has one, is queued for
 * deletion in the same change, so a crash cannot leave it behind. Deleting a tombstone again changes nothing.
 * The result is the message as it now is.
 */
public record DeleteMessage(ChatId chatId, UserId actor, MessageId messageId, Instant at) implements ChatCommand<Message> {
    public DeleteMessage {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public Concerns concerns() {
        return Concerns.NONE.member(actor).message(messageId);
    }

    @Override
    public Outcome<Message> decide(ChatState state) {
        Recorder recorder = Recorder.on(state, chatId);
        Optional<Message> found = state.message(messageId);
        if (found.isEmpty()) {
            return Outcome.rejected(Reason.NOT_FOUND, "no message " + messageId);
        }
        Message current = found.get();
        if (MembershipRules.mayDeleteMessage(state.roster(), actor, current.authorId()) instanceof Decision.Rejected no) {
            return Outcome.rejected(no);
        }
        if (current.deleted()) {
            return Outcome.unchanged(state, current);
        }
        current.media().ifPresent(media -> recorder.write(new ChatWrite.QueueAssetDeletion(media.assetKey(), media.resourceType(), at)));
        recorder.write(new ChatWrite.Tombstone(messageId, at));
        recorder.emit(at, new EventData.MessageDeleted(messageId));
        Message tombstone = current.tombstone();
        recorder.update(s -> s.withMessage(tombstone));
        return recorder.accept(tombstone);
    }
}
