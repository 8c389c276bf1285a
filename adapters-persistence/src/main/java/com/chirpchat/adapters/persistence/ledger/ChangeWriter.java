package com.chirpchat.adapters.persistence.ledger;

import com.chirpchat.adapters.persistence.chat.Members;
import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.adapters.persistence.event.EventRecords;
import com.chirpchat.adapters.persistence.media.DeletionQueue;
import com.chirpchat.adapters.persistence.media.Notifications;
import com.chirpchat.adapters.persistence.message.MessageRows;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.LoggedEvent;
import com.chirpchat.domain.ledger.ChatChanges;
import com.chirpchat.domain.ledger.ChatWrite;

/**
 * Stores what the domain decided for a chat whose row the transaction holds: the writes in order, the events in the
 * log's reference form, then the chat's last seq and activity time from its last event. It decides nothing and
 * builds no event. It refuses (with {@link IllegalStateException}, before the transaction commits) what contradicts
 * the rows: a row to change that isn't there, a message or member that is, events not numbered on from the chat's
 * last seq. Those checks cost no extra statement: each write's row count answers them, and no statement fails (which
 * on PostgreSQL would poison the transaction).
 */
public final class ChangeWriter {
    private static final String BUMP = """
            UPDATE chats SET last_seq = :seq, last_activity_at = :at WHERE id = CAST(:chat AS UUID)""";

    private ChangeWriter() {
    }

    /** Stores {@code changes} into chat {@code chatId}, whose last seq is {@code lastSeq} under this transaction's lock. */
    public static void store(Sql sql, ChatId chatId, long lastSeq, ChatChanges changes) {
        long next = lastSeq + 1;
        for (ChatEvent event : changes.events()) {
            // checked before anything is written: a stale decision must not get as far as the rows
            if (!event.chatId().equals(chatId) || event.seq() != next++) {
                throw new IllegalStateException("event " + event.chatId() + "#" + event.seq() + " does not follow " + chatId + "#" + lastSeq);
            }
        }
        for (ChatWrite write : changes.writes()) {
            write(sql, chatId, write);
        }
        for (ChatEvent event : changes.events()) {
            EventRecords.append(sql, LoggedEvent.of(event));
        }
        changes.lastEvent().ifPresent(last -> sql.update("bump-chat", BUMP, Params.of("seq", last.seq()).and("at", last.at())
                .and("chat", chatId.value())));
    }

    private static void write(Sql sql, ChatId chatId, ChatWrite write) {
        switch (write) {
            case ChatWrite.InsertMessage insert -> require(insert.message().chatId().equals(chatId)
                    && sql.update("insert-message", MessageRows.INSERT, MessageRows.insertParams(insert.message(), insert.clientMessageId())) == 1,
                    "message " + insert.message().id() + " (seq " + insert.message().seq() + ") or its retry key is taken in chat " + chatId);
            case ChatWrite.StoreMedia media -> require(sql.update("update-media", MessageRows.UPDATE_MEDIA,
                    MessageRows.mediaParams(chatId, media.messageId(), media.media())) == 1, "no live media message " + media.messageId());
            case ChatWrite.Tombstone tombstone -> require(sql.update("tombstone-message", MessageRows.TOMBSTONE,
                    MessageRows.tombstoneParams(chatId, tombstone.messageId(), tombstone.at())) == 1, "no live message " + tombstone.messageId());
            case ChatWrite.InsertMember insert -> require(Members.insert(sql, chatId, insert.member(), insert.at(), insert.addedSeq()),
                    insert.member().userId() + " is a member of " + chatId + " already");
            case ChatWrite.ChangeMemberRole change -> require(Members.changeRole(sql, chatId, change.member()),
                    change.member().userId() + " is not a member of " + chatId);
            case ChatWrite.DeleteMember delete -> require(Members.delete(sql, chatId, delete.userId()),
                    delete.userId() + " is not a member of " + chatId);
            case ChatWrite.QueueAssetDeletion queue -> DeletionQueue.schedule(sql, queue.assetKey(), queue.type(), queue.at());
            case ChatWrite.RecordNotification record -> Notifications.record(sql, record.notificationId(), record.at());
        }
    }

    private static void require(boolean written, String contradiction) {
        if (!written) {
            throw new IllegalStateException(contradiction);
        }
    }
}
