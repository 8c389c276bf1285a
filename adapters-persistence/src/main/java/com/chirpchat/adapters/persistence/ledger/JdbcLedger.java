package com.chirpchat.adapters.persistence.ledger;

import java.util.function.Function;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.ledger.ChatState;
import com.chirpchat.domain.ledger.Concerns;
import com.chirpchat.domain.ledger.Outcome;

/**
 * Chat changes as database transactions: lock, load, let the domain decide, store. The chat's row is locked first
 * ({@code SELECT ... FOR UPDATE}, the same in PostgreSQL and H2), so changes to one chat run one after another,
 * each seeing the last one's {@code last_seq}: sequence numbers come out gap-free in commit order, across every
 * server instance sharing the database. Changes to different chats do not wait for each other.
 */
public final class JdbcLedger implements ChangeChatPort {
    private static final String LOCK = "SELECT last_seq FROM chats WHERE id = CAST(:chat AS UUID) FOR UPDATE";

    private final Sql sql;
    private final StateLoader loader;

    public JdbcLedger(Sql sql) {
        this.sql = sql;
        this.loader = new StateLoader(sql);
    }

    @Override
    public <R> Outcome.Accepted<R> change(ChatId chatId, Concerns concerns, Function<ChatState, Outcome.Accepted<R>> decide) {
        return sql.inTransaction(() -> {
            long lastSeq = sql.one("lock-chat", LOCK, Params.of("chat", chatId.value()), row -> Rows.longValue(row, "last_seq"))
                    .orElseThrow(() -> UseCaseException.notFound("no chat " + chatId));
            Outcome.Accepted<R> decided = decide.apply(loader.load(chatId, lastSeq, concerns));
            ChangeWriter.store(sql, chatId, lastSeq, decided.changes());
            return decided;
        });
    }
}
