package com.chirpchat.application.ledger;

import java.time.Instant;
import java.util.Optional;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.ChatRoster;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;

/**
 * A chat locked for change inside {@link ChangeChatPort#change}: its current members (as a roster for the
 * domain rules), its messages, and the changes that can be recorded. Each recording method emits the event it
 * returns, numbered with the chat's next sequence number. The rules are the caller's job: these methods only
 * check what the store itself must (they throw {@link IllegalStateException} on contradictions such as adding
 * an existing member).
 */
public interface ChatChange extends ChatRoster {
    ChatId chatId();

    /** The chat's newest sequence number so far (0 before the first event). */
    long lastSeq();

    Optional<Message> message(MessageId id);

    Optional<Message> messageByClientId(UserId author, ClientMessageId clientMessageId);

    /** Stores the message with the next sequence number; emits {@code message_created}. */
    ChatEvent appendMessage(NewMessage message);

    /** Emits {@code member_added}. */
    ChatEvent addMember(Membership membership, Instant at);

    /** Emits {@code member_removed} carrying the role the user had. */
    ChatEvent removeMember(UserId userId, Instant at);

    /** Turns the message into a tombstone; emits {@code message_deleted}. */
    ChatEvent deleteMessage(MessageId id, Instant at);

    /** Stores a media message's new state without an event: progress clients need not hear about. */
    void updateMedia(MessageId id, MediaAsset asset);

    /**
     * Stores a media message's final state; emits {@code media_processed} when the asset is ready or
     * {@code media_failed} when it failed, carrying the message as it now is.
     */
    ChatEvent settleMedia(MessageId id, MediaAsset asset, Instant at);

    /** Queues the durable deletion of a stored asset; it commits (or not) with this change. */
    void scheduleMediaDeletion(String assetKey, ResourceType type, Instant at);

    /** Notes that a media store notification was handled; false when it had been already (a repeat delivery). */
    boolean recordNotification(String notificationId, Instant at);
}
