package com.chirpchat.domain.event;

import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;

/** What happened, by kind of event. */
public sealed interface EventData {

    ChatEventType type();

    /** The user whose membership this event changes, if it is a membership event. */
    default Optional<UserId> memberConcerned() {
        return Optional.empty();
    }

    record MessageCreated(Message message) implements EventData {
        public MessageCreated {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public ChatEventType type() {
            return ChatEventType.MESSAGE_CREATED;
        }
    }

    record MessageDeleted(MessageId messageId) implements EventData {
        public MessageDeleted {
            Objects.requireNonNull(messageId, "messageId");
        }

        @Override
        public ChatEventType type() {
            return ChatEventType.MESSAGE_DELETED;
        }
    }

    /** The message's media became ready; carries the message as it now is. */
    record MediaProcessed(Message message) implements EventData {
        public MediaProcessed {
            if (!message.deleted() && message.media().map(m -> m.status() != MediaStatus.READY).orElse(true)) {
                throw new IllegalArgumentException("media_processed carries a message with ready media");
            }
        }

        @Override
        public ChatEventType type() {
            return ChatEventType.MEDIA_PROCESSED;
        }
    }

    /** The message's media failed; carries the message as it now is. */
    record MediaFailed(Message message) implements EventData {
        public MediaFailed {
            if (!message.deleted() && message.media().map(m -> m.status() != MediaStatus.FAILED).orElse(true)) {
                throw new IllegalArgumentException("media_failed carries a message with failed media");
            }
        }

        @Override
        public ChatEventType type() {
            return ChatEventType.MEDIA_FAILED;
        }
    }

    record MemberAdded(UserId userId, Role role) implements EventData {
        public MemberAdded {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public ChatEventType type() {
            return ChatEventType.MEMBER_ADDED;
        }

        @Override
        public Optional<UserId> memberConcerned() {
            return Optional.of(userId);
        }
    }

    record MemberRemoved(UserId userId, Role role) implements EventData {
        public MemberRemoved {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public ChatEventType type() {
            return ChatEventType.MEMBER_REMOVED;
        }

        @Override
        public Optional<UserId> memberConcerned() {
            return Optional.of(userId);
        }
    }

    /**
     * A member's role changed; {@code role} is the new one. Not a membership change (the user stays in the chat),
     * so {@link #memberConcerned()} stays empty: nobody starts or stops receiving the chat's events.
     */
    record MemberRoleChanged(UserId userId, Role role) implements EventData {
        public MemberRoleChanged {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public ChatEventType type() {
            return ChatEventType.MEMBER_ROLE_CHANGED;
        }
    }
}
