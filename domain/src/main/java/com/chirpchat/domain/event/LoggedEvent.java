package com.chirpchat.domain.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;

/**
 * A chat event in the form its log keeps it: kind, time, and a reference to the message or the membership it is
 * about, never a message's content. Replayed, a message event carries the message as it is now, so text deleted
 * since is not in the log either: a deleted message replays as its tombstone.
 */
public record LoggedEvent(ChatId chatId, long seq, Instant at, ChatEventType type,
                          Optional<MessageId> messageId, Optional<Membership> member) {
    public LoggedEvent {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(member, "member");
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
        boolean aboutMember = type == ChatEventType.MEMBER_ADDED || type == ChatEventType.MEMBER_REMOVED
                || type == ChatEventType.MEMBER_ROLE_CHANGED;
        if (aboutMember ? member.isEmpty() || messageId.isPresent() : messageId.isEmpty() || member.isPresent()) {
            throw new IllegalArgumentException(type.wireName() + " refers to " + (aboutMember ? "a member" : "a message") + " only");
        }
    }

    /** How the log keeps {@code event}. */
    public static LoggedEvent of(ChatEvent event) {
        Optional<MessageId> message = switch (event.data()) {
            case EventData.MessageCreated e -> Optional.of(e.message().id());
            case EventData.MessageDeleted e -> Optional.of(e.messageId());
            case EventData.MediaProcessed e -> Optional.of(e.message().id());
            case EventData.MediaFailed e -> Optional.of(e.message().id());
            case EventData.MemberAdded e -> Optional.empty();
            case EventData.MemberRemoved e -> Optional.empty();
            case EventData.MemberRoleChanged e -> Optional.empty();
        };
        Optional<Membership> member = switch (event.data()) {
            case EventData.MemberAdded e -> Optional.of(new Membership(e.userId(), e.role()));
            case EventData.MemberRemoved e -> Optional.of(new Membership(e.userId(), e.role()));
            case EventData.MemberRoleChanged e -> Optional.of(new Membership(e.userId(), e.role()));
            default -> Optional.empty();
        };
        return new LoggedEvent(event.chatId(), event.seq(), event.at(), event.type(), message, member);
    }

    /** Whether replaying needs the message this event refers to (to carry it as it now is). */
    public boolean carriesMessage() {
        return type == ChatEventType.MESSAGE_CREATED || type == ChatEventType.MEDIA_PROCESSED || type == ChatEventType.MEDIA_FAILED;
    }

    /**
     * The event again, carrying {@code messageNow} (the message it refers to, as it is now) when it carries one.
     *
     * @throws IllegalArgumentException when the event carries a message and {@code messageNow} is not it
     */
    public ChatEvent replay(Optional<Message> messageNow) {
        if (carriesMessage() && !messageNow.map(Message::id).equals(messageId)) {
            throw new IllegalArgumentException("event " + seq + " of chat " + chatId + " needs message " + messageId.orElseThrow());
        }
        EventData data = switch (type) {
            case MESSAGE_CREATED -> new EventData.MessageCreated(messageNow.orElseThrow());
            case MEDIA_PROCESSED -> new EventData.MediaProcessed(messageNow.orElseThrow());
            case MEDIA_FAILED -> new EventData.MediaFailed(messageNow.orElseThrow());
            case MESSAGE_DELETED -> new EventData.MessageDeleted(messageId.orElseThrow());
            case MEMBER_ADDED -> new EventData.MemberAdded(member.orElseThrow().userId(), member.orElseThrow().role());
            case MEMBER_REMOVED -> new EventData.MemberRemoved(member.orElseThrow().userId(), member.orElseThrow().role());
            case MEMBER_ROLE_CHANGED -> new EventData.MemberRoleChanged(member.orElseThrow().userId(), member.orElseThrow().role());
        };
        return new ChatEvent(chatId, seq, at, data);
    }
}
