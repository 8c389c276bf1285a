package com.chirpchat.adapters.persistence.message;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import java.util.StringJoiner;

import com.chirpchat.adapters.persistence.db.InList;
import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.application.message.LoadMessagePort;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.message.ClientKey;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;

/** Reads messages, tombstones included. */
public final class MessageRepository implements LoadMessagePort {
    private static final String BY_ID = "SELECT " + MessageRows.COLUMNS + " FROM messages m WHERE m.id = CAST(:id AS UUID)";
    private static final String IN_CHAT = "SELECT " + MessageRows.COLUMNS + " FROM messages m WHERE m.chat_id = CAST(:chat AS UUID) AND m.id IN ";
    // served by the unique (chat_id, author_id, client_message_id) index
    private static final String BY_CLIENT_KEYS = "SELECT " + MessageRows.COLUMNS + ", m.client_message_id AS m_client_id"
            + " FROM messages m WHERE m.chat_id = CAST(:chat AS UUID) AND (";
    private static final String BY_CLIENT_KEYS_ACROSS = "SELECT " + MessageRows.COLUMNS + ", m.client_message_id AS m_client_id"
            + " FROM messages m WHERE ";
    // served by the unique (chat_id, seq) index, newest first
    private static final String BEFORE = "SELECT " + MessageRows.COLUMNS + """
             FROM messages m
            WHERE m.chat_id = CAST(:chat AS UUID) AND m.seq < :before
            ORDER BY m.seq DESC
            LIMIT :limit""";

    // media of some authors in one chat still waiting for its upload (a member leaving: rare, and few rows)
    private static final String PENDING_UPLOADS = "SELECT " + MessageRows.COLUMNS + " FROM messages m"
            + " WHERE m.chat_id = CAST(:chat AS UUID) AND m.media_status = 'uploading' AND NOT m.deleted AND m.author_id IN ";

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

    /** Those of the messages that are in the chat, in one statement. */
    public Map<MessageId, Message> inChat(ChatId chatId, Collection<MessageId> ids) {
        Map<MessageId, Message> found = new HashMap<>();
        if (!ids.isEmpty()) {
            Params params = Params.of("chat", chatId.value());
            String in = InList.of("m", ids, p -> "CAST(" + p + " AS UUID)", MessageId::value, params);
            sql.list("messages-in-chat", IN_CHAT + in, params, MessageRows::message).forEach(m -> found.put(m.id(), m));
        }
        return found;
    }

    /** The authors' live media messages in the chat whose upload has not arrived, in one statement. */
    public Map<MessageId, Message> pendingUploads(ChatId chatId, Collection<UserId> authors) {
        Map<MessageId, Message> found = new HashMap<>();
        if (!authors.isEmpty()) {
            Params params = Params.of("chat", chatId.value());
            String in = InList.of("u", authors, p -> "CAST(" + p + " AS UUID)", UserId::value, params);
            sql.list("pending-uploads", PENDING_UPLOADS + in, params, MessageRows::message).forEach(m -> found.put(m.id(), m));
        }
        return found;
    }

    /** The messages the client keys name in the chat (tombstones included), in one statement. */
    public Map<ClientKey, Message> byClientKeys(ChatId chatId, Collection<ClientKey> keys) {
        Map<ClientKey, Message> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        Params params = Params.of("chat", chatId.value());
        StringJoiner any = new StringJoiner(" OR ", BY_CLIENT_KEYS, ")");
        int i = 0;
        for (ClientKey key : keys) {
            any.add("(m.author_id = CAST(:a" + i + " AS UUID) AND m.client_message_id = :c" + i + ")");
            params.and("a" + i, key.author().value()).and("c" + i, key.clientMessageId().value());
            i++;
        }
        for (Map.Entry<String, Message> row : sql.list("messages-by-client-keys", any.toString(), params,
                                                      row -> Map.entry(Rows.string(row, "m_client_id"), MessageRows.message(row)))) {
            UserId author = row.getValue().authorId();
            keys.stream().filter(k -> k.author().equals(author) && k.clientMessageId().value().equals(row.getKey()))
                    .findFirst().ifPresent(k -> found.put(k, row.getValue()));
        }
        return found;
    }

    /**
     * The messages the client keys name in each chat (tombstones included), in one statement for all the chats
     * (each key served by the unique {@code (chat_id, author_id, client_message_id)} index); chats without keys
     * are absent from the answer.
     */
    public Map<ChatId, Map<ClientKey, Message>> byClientKeysAcross(Map<ChatId, Set<ClientKey>> keys) {
        Map<ChatId, Map<ClientKey, Message>> found = new HashMap<>();
        Params params = Params.none();
        StringJoiner any = new StringJoiner(" OR ", BY_CLIENT_KEYS_ACROSS, "");
        Map<String, Map.Entry<ChatId, ClientKey>> named = new HashMap<>();
        int i = 0;
        for (Map.Entry<ChatId, Set<ClientKey>> chat : keys.entrySet()) {
            for (ClientKey key : chat.getValue()) {
                any.add("(m.chat_id = CAST(:h" + i + " AS UUID) AND m.author_id = CAST(:a" + i + " AS UUID) AND m.client_message_id = :c" + i + ")");
                params.and("h" + i, chat.getKey().value()).and("a" + i, key.author().value()).and("c" + i, key.clientMessageId().value());
                named.put(chat.getKey().value() + "/" + key.author().value() + "/" + key.clientMessageId().value(), Map.entry(chat.getKey(), key));
                i++;
            }
        }
        if (i == 0) {
            return found;
        }
        for (Map.Entry<String, Message> row : sql.list("messages-by-client-keys-across", any.toString(), params,
                                                      row -> Map.entry(Rows.string(row, "m_client_id"), MessageRows.message(row)))) {
            Message message = row.getValue();
            Map.Entry<ChatId, ClientKey> key = named.get(message.chatId().value() + "/" + message.authorId().value() + "/" + row.getKey());
            if (key != null) {
                found.computeIfAbsent(key.getKey(), c -> new HashMap<>()).put(key.getValue(), message);
            }
        }
        return found;
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
