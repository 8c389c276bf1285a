package com.chirpchat.application.chat;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.ChatTitle;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.event.ChatEvent;

/** Stores a new chat. */
public interface CreateChatPort {
    /**
     * Stores the chat and its first members in one transaction, emitting a {@code member_added} event per member
     * in the given order (seq 1, 2, ...).
     */
    CreatedChat create(NewChat chat);

    record NewChat(ChatId id, ChatTitle title, Instant createdAt, List<Membership> members) {
        public NewChat {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(createdAt, "createdAt");
            members = List.copyOf(members);
        }
    }

    record CreatedChat(Chat chat, List<ChatEvent> events) {
        public CreatedChat {
            events = List.copyOf(events);
        }
    }
}
