package com.chirpchat.domain.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Roster;
import com.chirpchat.domain.common.Slice;
import com.chirpchat.domain.message.ClientKey;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;

/**
 * A chat as a change sees it: its newest sequence number and as much of the rest as the change
 * {@link Concerns concerns} — members, messages (tombstones included), the messages client keys name, the media
 * store notifications already handled. Read under the chat's write lock, so it is current; each decision returns
 * the state after it, which is what the next decision on the same chat starts from.
 */
public record ChatState(ChatId chatId, long lastSeq, Roster roster, Slice<MessageId, Message> messages,
                        Slice<ClientKey, MessageId> clientIds, Slice<String, Instant> notifications) {
    public ChatState {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(roster, "roster");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(clientIds, "clientIds");
        Objects.requireNonNull(notifications, "notifications");
        if (lastSeq < 0) {
            throw new IllegalArgumentException("lastSeq must not be negative");
        }
        for (MessageId id : clientIds.values().values()) {
            if (!messages.covers(id)) {
                throw new IllegalArgumentException("a message named by a client key must be among the messages");
            }
        }
    }

    /** A message of this chat, when the change concerns it; empty when the chat has no such message. */
    public Optional<Message> message(MessageId id) {
        return messages.get(id);
    }

    /** The message the author sent with this client message id, when there is one (tombstones included). */
    public Optional<Message> messageByClientKey(ClientKey key) {
        return clientIds.get(key).map(id -> messages.get(id).orElseThrow());
    }

    /**
     * The author's live media messages still waiting for their upload, when the change concerns the author's uploads
     * ({@link Concerns#uploadsOf}), as the state holds them now.
     */
    public java.util.List<Message> pendingUploadsOf(com.chirpchat.domain.user.UserId author) {
        return messages.values().values().stream()
                .filter(m -> m.authorId().equals(author) && !m.deleted()
                        && m.media().map(a -> a.status() == com.chirpchat.domain.media.MediaStatus.UPLOADING).orElse(false))
                .sorted(java.util.Comparator.comparingLong(Message::seq))
                .toList();
    }

    /** Whether the media store notification was handled before. */
    public boolean handled(String notificationId) {
        return notifications.get(notificationId).isPresent();
    }

    ChatState withRoster(Roster roster) {
        return new ChatState(chatId, lastSeq, roster, messages, clientIds, notifications);
    }

    ChatState withMessage(Message message) {
        return new ChatState(chatId, lastSeq, roster, messages.with(message.id(), message), clientIds, notifications);
    }

    ChatState withClientKey(ClientKey key, MessageId id) {
        return new ChatState(chatId, lastSeq, roster, messages, clientIds.with(key, id), notifications);
    }

    ChatState withNotification(String notificationId, Instant at) {
        return new ChatState(chatId, lastSeq, roster, messages, clientIds, notifications.with(notificationId, at));
    }

    ChatState numbered(long seq) {
        if (seq != lastSeq + 1) {
            throw new IllegalStateException("the next event of chat " + chatId + " is " + (lastSeq + 1) + ", not " + seq);
        }
        return new ChatState(chatId, seq, roster, messages, clientIds, notifications);
    }
}
