package com.chirpchat.adapters.persistence.event;

import java.util.List;
import java.util.Optional;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.PersistenceException;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.adapters.persistence.message.MessageRows;
import com.chirpchat.application.event.LoadChatEventsPort;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.ChatEventType;
import com.chirpchat.domain.event.LoggedEvent;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;
import io.helidon.dbclient.DbRow;

/**
 * Reads a chat's event log. Message-bearing events are joined with the message as it is now, in the same
 * statement, so a page is one consistent read; the domain replays each row ({@link LoggedEvent#replay}), so a
 * deleted message appears only as its tombstone and no event is built here.
 */
public final class EventLog implements LoadChatEventsPort {
    private static final String AFTER = """
            SELECT e.seq AS e_seq, e.event_type AS e_type, e.occurred_at AS e_at, e.message_id AS e_message,
                   e.user_id AS e_user, e.role AS e_role,
            """ + MessageRows.COLUMNS + """
             FROM chat_events e
             LEFT JOIN messages m ON m.id = e.message_id
            WHERE e.chat_id = CAST(:chat AS UUID) AND e.seq > :after
            ORDER BY e.seq
            LIMIT :limit""";

    private final Sql sql;

    public EventLog(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<ChatEvent> eventsAfter(ChatId chatId, long afterSeq, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Params params = Params.of("chat", chatId.value()).and("after", afterSeq).and("limit", limit);
        return sql.list("events-after", AFTER, params, row -> event(chatId, row));
    }

    /** The row as the domain logs it, replayed with the message it refers to as it now is (joined in the same read). */
    private static ChatEvent event(ChatId chatId, DbRow row) {
        ChatEventType type = ChatEventType.parse(Rows.string(row, "e_type"));
        Optional<Membership> member = Rows.optionalUuid(row, "e_user")
                .map(user -> new Membership(new UserId(user), Role.parse(Rows.string(row, "e_role"))));
        LoggedEvent logged = new LoggedEvent(chatId, Rows.longValue(row, "e_seq"), Rows.instant(row, "e_at"), type,
                                             Rows.optionalUuid(row, "e_message").map(MessageId::new), member);
        if (logged.carriesMessage() && Rows.value(row, "m_id").isEmpty()) {
            // the foreign key makes this impossible; say so plainly if it ever happens
            throw new PersistenceException("event " + logged.seq() + " refers to a missing message");
        }
        return logged.replay(logged.carriesMessage() ? Optional.of(MessageRows.message(row)) : Optional.empty());
    }
}
