package com.chirpchat.adapters.persistence.message;

import java.time.Instant;
import java.util.Optional;

import com.chirpchat.adapters.persistence.db.MultiRow;
import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageKind;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.UserId;
import io.helidon.dbclient.DbRow;

/**
 * How a message maps to a row of {@code messages} (its media: {@link MediaColumns}). Every query selects
 * {@link #COLUMNS} from the table aliased {@code m}; the {@code m_} labels keep them apart from other tables'
 * columns in joins (the event log).
 */
public final class MessageRows {
    public static final String COLUMNS = """
            m.id AS m_id, m.chat_id AS m_chat_id, m.seq AS m_seq, m.author_id AS m_author_id, m.kind AS m_kind,
            m.body AS m_body, m.created_at AS m_created_at, m.deleted AS m_deleted,
            """ + MediaColumns.SELECT;

    /**
     * Inserts live messages, one row per message; each row's parameters come from {@link #insertParams}. ON CONFLICT
     * DO NOTHING: a taken id, seq or retry key inserts no row (a refusal the caller sees in the count) instead of
     * failing the statement, which on PostgreSQL would poison the rest of the transaction.
     */
    public static final MultiRow INSERT_ROWS = new MultiRow("""
            INSERT INTO messages (id, chat_id, seq, author_id, kind, body, created_at, deleted, client_message_id,
            """ + MediaColumns.NAMES + """
            )
            VALUES""", """
            (CAST(:id AS UUID), CAST(:chat AS UUID), :seq, CAST(:author AS UUID), :kind, :body, :createdAt, FALSE,
             :clientId,
            """ + MediaColumns.VALUES + ")", "ON CONFLICT DO NOTHING");

    /** Replaces a live media message's media; the parameters come from {@link #mediaParams}. */
    public static final String UPDATE_MEDIA = "UPDATE messages SET " + MediaColumns.SET
            + " WHERE id = CAST(:id AS UUID) AND chat_id = CAST(:chat AS UUID) AND NOT deleted AND kind = 'media'";

    /** A live message becomes its tombstone: identity, position, author and retry key stay (a retried send finds it). */
    public static final String TOMBSTONE = """
            UPDATE messages
               SET deleted = TRUE, deleted_at = :at, body = NULL,
                   media_status = NULL, media_resource_type = NULL, media_asset_key = NULL,
                   media_upload_reported = NULL, media_format = NULL, media_bytes = NULL, media_width = NULL,
                   media_height = NULL, media_duration_seconds = NULL, media_processing_reported = NULL,
                   media_variants = NULL, media_failure_reason = NULL, media_file_name = NULL
             WHERE id = CAST(:id AS UUID) AND chat_id = CAST(:chat AS UUID) AND NOT deleted""";

    private MessageRows() {
    }

    public static Message message(DbRow row) {
        MessageId id = new MessageId(Rows.uuid(row, "m_id"));
        ChatId chat = new ChatId(Rows.uuid(row, "m_chat_id"));
        UserId author = new UserId(Rows.uuid(row, "m_author_id"));
        MessageKind kind = MessageKind.parse(Rows.string(row, "m_kind"));
        boolean deleted = Rows.bool(row, "m_deleted");
        Optional<MessageText> text = deleted ? Optional.empty() : Rows.optionalString(row, "m_body").map(MessageText::new);
        Optional<MediaAsset> media = deleted ? Optional.empty() : MediaColumns.read(row);
        return new Message(id, chat, Rows.longValue(row, "m_seq"), author, kind, text,
                           Rows.instant(row, "m_created_at"), deleted, media);
    }

    /** Parameters of one row of {@link #INSERT_ROWS}: the message as numbered, with its author's retry key. */
    public static Params insertParams(Message message, Optional<ClientMessageId> clientMessageId) {
        Params params = Params.of("id", message.id().value())
                .and("chat", message.chatId().value())
                .and("seq", message.seq())
                .and("author", message.authorId().value())
                .and("kind", message.kind().wireName())
                .and("body", message.text().map(MessageText::value).orElse(null))
                .and("createdAt", message.createdAt())
                .and("clientId", clientMessageId.map(ClientMessageId::value).orElse(null));
        return MediaColumns.bind(params, message.media());
    }

    /** Parameters for {@link #UPDATE_MEDIA}. */
    public static Params mediaParams(ChatId chat, MessageId id, MediaAsset media) {
        return MediaColumns.bind(Params.of("id", id.value()).and("chat", chat.value()), Optional.of(media));
    }

    /** Parameters for {@link #TOMBSTONE}. */
    public static Params tombstoneParams(ChatId chat, MessageId id, Instant at) {
        return Params.of("id", id.value()).and("chat", chat.value()).and("at", at);
    }
}
