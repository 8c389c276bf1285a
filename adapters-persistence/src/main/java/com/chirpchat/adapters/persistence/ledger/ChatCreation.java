package com.chirpchat.adapters.persistence.ledger;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.application.chat.CreateChatPort;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.ledger.FoundedChat;

/** Stores a new chat with its first members and their {@code member_added} events, as founded, all or nothing. */
public final class ChatCreation implements CreateChatPort {
    // the chat starts before its first event; storing the founding's changes moves it on, as every change does
    private static final String INSERT = """
            INSERT INTO chats (id, title, created_at, last_seq, last_activity_at)
            VALUES (CAST(:id AS UUID), :title, :createdAt, 0, :createdAt)""";

    private final Sql sql;

    public ChatCreation(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void create(FoundedChat founded) {
        Chat chat = founded.chat();
        sql.inTransaction(() -> {
            sql.update("insert-chat", INSERT, Params.of("id", chat.id().value())
                    .and("title", chat.title().value())
                    .and("createdAt", chat.createdAt()));
            ChangeWriter.store(sql, chat.id(), 0, founded.changes());
            return null;
        });
    }
}
