package com.chirpchat.adapters.persistence.event;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;

/**
 * Writes events to {@code chat_events} as references: the type, and the message or the member it is about.
 * A message's content lives only in {@code messages}, so deleting it there scrubs the log as well.
 */
public final class EventRecords {
    private static final String INSERT = """
            INSERT INTO chat_events (chat_id, seq, event_type, occurred_at, message_id, user_id, role)
            VALUES (CAST(:chat AS UUID), :seq, :type, :at, CAST(:message AS UUID), CAST(:user AS UUID), :role)""";

    private EventRecords() {
    }

    /** Stores the event; the caller holds the chat's lock and has chosen its seq. */
    public static void append(Sql sql, ChatEvent event) {
        Params params = Params.of("chat", event.chatId().value())
                .and("seq", event.seq())
                .and("type", event.type().wireName())
                .and("at", event.at())
                .and("message", null)
                .and("user", null)
                .and("role", null);
        switch (event.data()) {
            case EventData.MessageCreated e -> params.and("message", e.message().id().value());
            case EventData.MessageDeleted e -> params.and("message", e.messageId().value());
            case EventData.MediaProcessed e -> params.and("message", e.message().id().value());
            case EventData.MediaFailed e -> params.and("message", e.message().id().value());
            case EventData.MemberAdded e -> params.and("user", e.userId().value()).and("role", e.role().wireName());
            case EventData.MemberRemoved e -> params.and("user", e.userId().value()).and("role", e.role().wireName());
        }
        sql.update("insert-event", INSERT, params);
    }
}
