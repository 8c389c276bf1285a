package com.chirpchat.adapters.persistence.message;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.application.ledger.NewMessage;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageKind;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.UserId;
import io.helidon.dbclient.DbRow;

/**
 * How a message maps to a row of {@code messages}. Every query selects {@link #COLUMNS} from the table aliased
 * {@code m}; the {@code m_} labels keep them apart from other tables' columns in joins (the event log).
 */
public final class MessageRows {
    public static final String COLUMNS = """
            m.id AS m_id, m.chat_id AS m_chat_id, m.seq AS m_seq, m.author_id AS m_author_id, m.kind AS m_kind,
            m.body AS m_body, m.created_at AS m_created_at, m.deleted AS m_deleted,
            m.media_status AS m_media_status, m.media_resource_type AS m_media_resource_type,
            m.media_asset_key AS m_media_asset_key, m.media_format AS m_media_format, m.media_bytes AS m_media_bytes,
            m.media_width AS m_media_width, m.media_height AS m_media_height,
            m.media_duration_seconds AS m_media_duration_seconds, m.media_variants AS m_media_variants,
            m.media_failure_reason AS m_media_failure_reason""";

    /** Inserts a live message; the parameters come from {@link #insertParams}. */
    public static final String INSERT = """
            INSERT INTO messages (id, chat_id, seq, author_id, kind, body, created_at, deleted, client_message_id,
                                  media_status, media_resource_type, media_asset_key, media_format, media_bytes,
                                  media_width, media_height, media_duration_seconds, media_variants, media_failure_reason)
            VALUES (CAST(:id AS UUID), CAST(:chat AS UUID), :seq, CAST(:author AS UUID), :kind, :body, :createdAt, FALSE,
                    :clientId, :mediaStatus, :mediaType, :assetKey, :format, :bytes, :width, :height, :duration,
                    :variants, :failureReason)""";

    private static final String VARIANT_SEPARATOR = ",";

    private MessageRows() {
    }

    public static Message message(DbRow row) {
        MessageId id = new MessageId(Rows.uuid(row, "m_id"));
        ChatId chat = new ChatId(Rows.uuid(row, "m_chat_id"));
        UserId author = new UserId(Rows.uuid(row, "m_author_id"));
        MessageKind kind = MessageKind.parse(Rows.string(row, "m_kind"));
        boolean deleted = Rows.bool(row, "m_deleted");
        Optional<MessageText> text = deleted ? Optional.empty() : Rows.optionalString(row, "m_body").map(MessageText::new);
        Optional<MediaAsset> media = deleted ? Optional.empty() : media(row);
        return new Message(id, chat, Rows.longValue(row, "m_seq"), author, kind, text,
                           Rows.instant(row, "m_created_at"), deleted, media);
    }

    private static Optional<MediaAsset> media(DbRow row) {
        return Rows.optionalString(row, "m_media_status").map(status -> new MediaAsset(
                MediaStatus.parse(status),
                ResourceType.parse(Rows.string(row, "m_media_resource_type")),
                Rows.string(row, "m_media_asset_key"),
                new MediaFacts(Rows.optionalString(row, "m_media_format"),
                               Rows.optionalLong(row, "m_media_bytes"),
                               Rows.optionalInt(row, "m_media_width"),
                               Rows.optionalInt(row, "m_media_height"),
                               Rows.optionalDouble(row, "m_media_duration_seconds")),
                Rows.optionalString(row, "m_media_variants").map(MessageRows::variants).orElse(List.of()),
                Rows.optionalString(row, "m_media_failure_reason")));
    }

    /** Parameters for {@link #INSERT}: {@code message} stored in {@code chat} with sequence number {@code seq}. */
    public static Params insertParams(ChatId chat, long seq, NewMessage message) {
        Optional<MediaAsset> media = message.media();
        MediaFacts facts = media.map(MediaAsset::facts).orElse(MediaFacts.UNKNOWN);
        return Params.of("id", message.id().value())
                .and("chat", chat.value())
                .and("seq", seq)
                .and("author", message.authorId().value())
                .and("kind", message.kind().wireName())
                .and("body", message.text().map(MessageText::value).orElse(null))
                .and("createdAt", message.createdAt())
                .and("clientId", message.clientMessageId().map(ClientMessageId::value).orElse(null))
                .and("mediaStatus", media.map(a -> a.status().wireName()).orElse(null))
                .and("mediaType", media.map(a -> a.resourceType().wireName()).orElse(null))
                .and("assetKey", media.map(MediaAsset::assetKey).orElse(null))
                .and("format", facts.format().orElse(null))
                .and("bytes", facts.bytes().isPresent() ? facts.bytes().getAsLong() : null)
                .and("width", facts.width().isPresent() ? facts.width().getAsInt() : null)
                .and("height", facts.height().isPresent() ? facts.height().getAsInt() : null)
                .and("duration", facts.durationSeconds().isPresent() ? facts.durationSeconds().getAsDouble() : null)
                .and("variants", media.map(a -> joinVariants(a.variants())).orElse(null))
                .and("failureReason", media.flatMap(MediaAsset::failureReason).orElse(null));
    }

    private static String joinVariants(List<String> variants) {
        for (String v : variants) {
            if (v.isEmpty() || v.contains(VARIANT_SEPARATOR)) {
                // a name with the separator in it would come back as two variants
                throw new IllegalArgumentException("variant names must be non-empty and free of '" + VARIANT_SEPARATOR + "'");
            }
        }
        return variants.isEmpty() ? null : String.join(VARIANT_SEPARATOR, variants);
    }

    private static List<String> variants(String joined) {
        return Arrays.asList(joined.split(VARIANT_SEPARATOR));
    }
}
