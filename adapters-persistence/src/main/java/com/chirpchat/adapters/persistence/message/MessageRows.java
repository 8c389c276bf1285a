package com.chirpchat.adapters.persistence.message;

import java.util.Optional;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.application.ledger.NewMessage;
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

    /** Inserts a live message; the parameters come from {@link #insertParams}. */
    public static final String INSERT = """
            INSERT INTO messages (id, chat_id, seq, author_id, kind, body, created_at, deleted, client_message_id,
            """ + MediaColumns.NAMES + """
            )
            VALUES (CAST(:id AS UUID), CAST(:chat AS UUID), :seq, CAST(:author AS UUID), :kind, :body, :createdAt, FALSE,
                    :clientId,
            """ + MediaColumns.VALUES + ")";

    /** Replaces a live media message's media; the parameters come from {@link #mediaParams}. */
    public static final String UPDATE_MEDIA = "UPDATE messages SET " + MediaColumns.SET
            + " WHERE id = CAST(:id AS UUID) AND chat_id = CAST(:chat AS UUID) AND NOT deleted AND kind = 'media'";

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

    /** Parameters for {@link #INSERT}: {@code message} stored in {@code chat} with sequence number {@code seq}. */
    public static Params insertParams(ChatId chat, long seq, NewMessage message) {
        Params params = Params.of("id", message.id().value())
                .and("chat", chat.value())
                .and("seq", seq)
                .and("author", message.authorId().value())
                .and("kind", message.kind().wireName())
                .and("body", message.text().map(MessageText::value).orElse(null))
                .and("createdAt", message.createdAt())
                .and("clientId", message.clientMessageId().map(ClientMessageId::value).orElse(null));
        return MediaColumns.bind(params, message.media());
    }

    /** Parameters for {@link #UPDATE_MEDIA}. */
    public static Params mediaParams(ChatId chat, MessageId id, MediaAsset media) {
        return MediaColumns.bind(Params.of("id", id.value()).and("chat", chat.value()), Optional.of(media));
    }
}
