package com.chirpchat.domain.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;

/**
 * One thing a decided change leaves for storage to write besides its events, as plain data. A store applies them
 * in order; it checks nothing the domain decided, only that the rows it changes are there to change.
 */
public sealed interface ChatWrite {

    /** A new live message, numbered; {@code clientMessageId} is its author's retry key. */
    record InsertMessage(Message message, Optional<ClientMessageId> clientMessageId) implements ChatWrite {
        public InsertMessage {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(clientMessageId, "clientMessageId");
            if (message.deleted()) {
                throw new IllegalArgumentException("a new message is live");
            }
        }
    }

    /** A live media message's media in its new state (with or without an event). */
    record StoreMedia(MessageId messageId, MediaAsset media) implements ChatWrite {
        public StoreMedia {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(media, "media");
        }
    }

    /** A live message becomes its tombstone: identity, position, author and retry key stay; text and media go. */
    record Tombstone(MessageId messageId, Instant at) implements ChatWrite {
        public Tombstone {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A new member; {@code addedSeq} is the seq of its {@code member_added} event, which orders the roster. */
    record InsertMember(Membership member, Instant at, long addedSeq) implements ChatWrite {
        public InsertMember {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A member's new role. */
    record ChangeMemberRole(Membership member) implements ChatWrite {
        public ChangeMemberRole {
            Objects.requireNonNull(member, "member");
        }
    }

    record DeleteMember(UserId userId) implements ChatWrite {
        public DeleteMember {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /** A stored file to delete from the media store, durably queued with the change that made it unwanted. */
    record QueueAssetDeletion(String assetKey, ResourceType type, Instant at) implements ChatWrite {
        public QueueAssetDeletion {
            Objects.requireNonNull(assetKey, "assetKey");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A media store notification is handled: a repeat delivery will change nothing. */
    record RecordNotification(String notificationId, Instant at) implements ChatWrite {
        public RecordNotification {
            Objects.requireNonNull(notificationId, "notificationId");
            Objects.requireNonNull(at, "at");
        }
    }
}
