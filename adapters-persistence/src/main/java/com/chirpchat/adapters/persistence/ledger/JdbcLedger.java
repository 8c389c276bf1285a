package com.chirpchat.adapters.persistence.ledger;

import java.util.function.Function;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.application.ledger.ChatChange;
import com.chirpchat.domain.chat.ChatId;

/**
 * Chat changes as database transactions. The chat's row is locked first ({@code SELECT ... FOR UPDATE}, the
 * same in PostgreSQL and H2), so changes to one chat run one after another, each seeing the last one's
 * {@code last_seq}: sequence numbers come out gap-free in commit order, across every server instance sharing
 * the database. Changes to different chats do not wait for each other.
 */
public final class JdbcLedger implements ChangeChatPort {
    private static final String LOCK = "SELECT last_seq FROM chats WHERE id = CAST(:chat AS UUID) FOR UPDATE";

    private final Sql sql;

    public JdbcLedger(Sql sql) {
        this.sql = sql;
    }

    @Override
    public <T> T change(ChatId chatId, Function<ChatChange, T> work) {
        return sql.inTransaction(() -> {
            long lastSeq = sql.one("lock-chat", LOCK, Params.of("chat", chatId.value()), row -> Rows.longValue(row, "last_seq"))
                    .orElseThrow(() -> UseCaseException.notFound("no chat " + chatId));
            LockedChat chat = new LockedChat(sql, chatId, lastSeq);
            try {
                return work.apply(chat);
            } finally {
                // the lock ends with the transaction; a ChatChange kept beyond it must not write unlocked
                chat.close();
            }
        });
    }
}
