package com.chirpchat.adapters.persistence.event;

import java.util.ArrayList;
import java.util.List;

import com.chirpchat.adapters.persistence.db.MultiRow;
import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.event.LoggedEvent;
import com.chirpchat.domain.message.MessageId;

/**
 * Writes events to {@code chat_events} in the form the domain logs them ({@link LoggedEvent}): the type, and the
 * message or the member it is about. A message's content lives only in {@code messages}, so deleting it there
 * scrubs the log as well.
 */
public final class EventRecords {
    private static final MultiRow INSERT = new MultiRow(
            "INSERT INTO chat_events (chat_id, seq, event_type, occurred_at, message_id, user_id, role) VALUES",
            "(CAST(:chat AS UUID), :seq, :type, :at, CAST(:message AS UUID), CAST(:user AS UUID), :role)", "");

    private EventRecords() {
    }

    /** Stores the events in one statement; the caller holds the chat's lock and has checked their seqs follow the chat's. */
    public static void append(Sql sql, List<LoggedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Params> rows = new ArrayList<>(events.size());
        for (LoggedEvent event : events) {
            rows.add(Params.of("chat", event.chatId().value())
                    .and("seq", event.seq())
                    .and("type", event.type().wireName())
                    .and("at", event.at())
                    .and("message", event.messageId().map(MessageId::value).orElse(null))
                    .and("user", event.member().map(m -> m.userId().value()).orElse(null))
                    .and("role", event.member().map(Membership::role).map(r -> r.wireName()).orElse(null)));
        }
        long stored = sql.update("insert-events", INSERT.statement(rows.size()), MultiRow.params(rows));
        if (stored != rows.size()) {
            throw new IllegalStateException(rows.size() + " events, " + stored + " stored");
        }
    }
}
