package com.chirpchat.adapters.persistence.ledger;

import java.time.Instant;
import java.util.Optional;

import com.chirpchat.adapters.persistence.chat.Members;
import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.adapters.persistence.event.EventRecords;
import com.chirpchat.adapters.persistence.media.DeletionQueue;
import com.chirpchat.adapters.persistence.media.Notifications;
import com.chirpchat.adapters.persistence.message.MessageRows;
import com.chirpchat.application.ledger.ChatChange;
import com.chirpchat.application.ledger.NewMessage;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;

/**
 * A chat whose row this transaction has locked. Queries ask the database exactly what the caller asks (one
 * role, a count, one message), inside the transaction. Contradictions are checked before writing, because in
 * PostgreSQL a failed statement poisons the rest of the transaction; the constraints stay as a backstop.
 */
final class LockedChat implements ChatChange {
    private static final String MESSAGE = "SELECT " + MessageRows.COLUMNS
            + " FROM messages m WHERE m.id = CAST(:id AS UUID) AND m.chat_id = CAST(:chat AS UUID)";
    private static final String BY_CLIENT_ID = "SELECT " + MessageRows.COLUMNS + """
             FROM messages m
            WHERE m.chat_id = CAST(:chat AS UUID) AND m.author_id = CAST(:author AS UUID)
              AND m.client_message_id = :clientId""";
    // a tombstone keeps identity, position, author and retry key (a retried send finds it); text and media go
    private static final String TOMBSTONE = """
            UPDATE messages
               SET deleted = TRUE, deleted_at = :at, body = NULL,
                   media_status = NULL, media_resource_type = NULL, media_asset_key = NULL,
                   media_upload_reported = NULL, media_format = NULL, media_bytes = NULL, media_width = NULL,
                   media_height = NULL, media_duration_seconds = NULL, media_processing_reported = NULL,
                   media_variants = NULL, media_failure_reason = NULL
             WHERE id = CAST(:id AS UUID) AND chat_id = CAST(:chat AS UUID)""";
    private static final String BUMP = """
            UPDATE chats SET last_seq = :seq, last_activity_at = :at WHERE id = CAST(:chat AS UUID)""";

    private final Sql sql;
    private final ChatId chatId;
    private long lastSeq;
    private boolean closed;

    LockedChat(Sql sql, ChatId chatId, long lastSeq) {
        this.sql = sql;
        this.chatId = chatId;
        this.lastSeq = lastSeq;
    }

    void close() {
        closed = true;
    }

    @Override
    public ChatId chatId() {
        return chatId;
    }

    @Override
    public long lastSeq() {
        return lastSeq;
    }

    @Override
    public Optional<Role> roleOf(UserId userId) {
        return Members.roleOf(open(), chatId, userId);
    }

    @Override
    public long ownerCount() {
        return Members.count(open(), chatId, Role.OWNER);
    }

    @Override
    public long memberCount() {
        return Members.count(open(), chatId);
    }

    @Override
    public Optional<Message> message(MessageId id) {
        return open().one("locked-message", MESSAGE, Params.of("id", id.value()).and("chat", chatId.value()),
                          MessageRows::message);
    }

    @Override
    public Optional<Message> messageByClientId(UserId author, ClientMessageId clientMessageId) {
        Params params = Params.of("chat", chatId.value()).and("author", author.value()).and("clientId", clientMessageId.value());
        return open().one("message-by-client-id", BY_CLIENT_ID, params, MessageRows::message);
    }

    @Override
    public ChatEvent appendMessage(NewMessage m) {
        if (m.clientMessageId().flatMap(c -> messageByClientId(m.authorId(), c)).isPresent()) {
            throw new IllegalStateException("client message id already used");
        }
        long seq = lastSeq + 1;
        open().update("insert-message", MessageRows.INSERT, MessageRows.insertParams(chatId, seq, m));
        Message message = new Message(m.id(), chatId, seq, m.authorId(), m.kind(), m.text(), m.createdAt(), false, m.media());
        return emit(m.createdAt(), new EventData.MessageCreated(message));
    }

    @Override
    public ChatEvent addMember(Membership membership, Instant at) {
        if (roleOf(membership.userId()).isPresent()) {
            throw new IllegalStateException("already a member");
        }
        Members.insert(open(), chatId, membership, at, lastSeq + 1);
        return emit(at, new EventData.MemberAdded(membership.userId(), membership.role()));
    }

    @Override
    public ChatEvent removeMember(UserId userId, Instant at) {
        Role role = roleOf(userId).orElseThrow(() -> new IllegalStateException("not a member"));
        Members.delete(open(), chatId, userId);
        return emit(at, new EventData.MemberRemoved(userId, role));
    }

    @Override
    public ChatEvent deleteMessage(MessageId id, Instant at) {
        if (message(id).filter(m -> !m.deleted()).isEmpty()) {
            throw new IllegalStateException("no live message " + id);
        }
        open().update("tombstone-message", TOMBSTONE, Params.of("id", id.value()).and("chat", chatId.value()).and("at", at));
        return emit(at, new EventData.MessageDeleted(id));
    }

    @Override
    public void updateMedia(MessageId id, MediaAsset asset) {
        storeMedia(id, asset);
    }

    @Override
    public ChatEvent settleMedia(MessageId id, MediaAsset asset, Instant at) {
        if (!asset.status().isFinal()) {
            throw new IllegalStateException("media is not settled: " + asset.status().wireName());
        }
        Message settled = storeMedia(id, asset);
        EventData data = asset.status() == MediaStatus.READY
                ? new EventData.MediaProcessed(settled)
                : new EventData.MediaFailed(settled);
        return emit(at, data);
    }

    @Override
    public void scheduleMediaDeletion(String assetKey, ResourceType type, Instant at) {
        DeletionQueue.schedule(open(), assetKey, type, at);
    }

    @Override
    public boolean recordNotification(String notificationId, Instant at) {
        return Notifications.record(open(), notificationId, at);
    }

    /** Replaces a live media message's media; returns the message as it now is. */
    private Message storeMedia(MessageId id, MediaAsset asset) {
        Message current = message(id).filter(m -> !m.deleted() && m.media().isPresent())
                .orElseThrow(() -> new IllegalStateException("no live media message " + id));
        Message updated = current.withMedia(asset);
        open().update("update-media", MessageRows.UPDATE_MEDIA, MessageRows.mediaParams(chatId, id, asset));
        return updated;
    }

    /** Numbers the event with the chat's next seq, stores it, and moves the chat's counter in the same transaction. */
    private ChatEvent emit(Instant at, EventData data) {
        ChatEvent event = new ChatEvent(chatId, lastSeq + 1, at, data);
        EventRecords.append(sql, event);
        sql.update("bump-chat", BUMP, Params.of("seq", event.seq()).and("at", at).and("chat", chatId.value()));
        lastSeq = event.seq();
        return event;
    }

    private Sql open() {
        if (closed) {
            throw new IllegalStateException("this chat change has ended; changes happen inside ChangeChatPort.change");
        }
        return sql;
    }
}
