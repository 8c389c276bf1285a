package com.chirpchat.adapters.persistence.message;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.application.message.LoadMessagePort;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;

/** Reads messages, tombstones included. */
public final class MessageRepository implements LoadMessagePort {
    private static final String BY_ID = "SELECT " + MessageRows.COLUMNS + " FROM messages m WHERE m.id = CAST(:id AS UUID)";
    // served by messages_media_asset_key_idx; tombstones have no key. Keys are made from message ids, so there is
    // one row at most; the order only makes the answer stable should a key ever be reused.
    private static final String BY_ASSET_KEY = "SELECT " + MessageRows.COLUMNS + """
             FROM messages m
            WHERE m.media_asset_key = :key AND NOT m.deleted
            ORDER BY m.created_at, m.id
            LIMIT 1""";
    // served by the unique (chat_id, seq) index, newest first
    private static final String BEFORE = "SELECT " + MessageRows.COLUMNS + """
             FROM messages m
            WHERE m.chat_id = CAST(:chat AS UUID) AND m.seq < :before
            ORDER BY m.seq DESC
            LIMIT :limit""";

    // served by messages_uploading_idx (V3): media still waiting for its upload, oldest first
    private static final String UPLOADS_BEFORE = "SELECT " + MessageRows.COLUMNS + """
             FROM messages m
            WHERE m.media_status = 'uploading' AND NOT m.deleted AND m.created_at < :before
            ORDER BY m.created_at, m.id
            LIMIT :limit""";

    private final Sql sql;

    public MessageRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Message> message(MessageId id) {
        return sql.one("message-by-id", BY_ID, Params.of("id", id.value()), MessageRows::message);
    }

    @Override
    public Optional<Message> messageByAssetKey(String assetKey) {
        return sql.one("message-by-asset-key", BY_ASSET_KEY, Params.of("key", assetKey), MessageRows::message);
    }

    @Override
    public List<Message> uploadsStartedBefore(Instant before, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return sql.list("uploads-before", UPLOADS_BEFORE, Params.of("before", before).and("limit", limit), MessageRows::message);
    }

    @Override
    public List<Message> messagesBefore(ChatId chatId, OptionalLong beforeSeq, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Params params = Params.of("chat", chatId.value())
                .and("before", beforeSeq.orElse(Long.MAX_VALUE))
                .and("limit", limit);
        return sql.list("messages-before", BEFORE, params, MessageRows::message);
    }
}
