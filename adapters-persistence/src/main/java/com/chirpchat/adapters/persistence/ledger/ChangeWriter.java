package com.chirpchat.adapters.persistence.ledger;

import java.util.ArrayList;
import java.util.List;

import com.chirpchat.adapters.persistence.chat.Members;
import com.chirpchat.adapters.persistence.db.InList;
import com.chirpchat.adapters.persistence.db.MultiRow;
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
 * last seq, a change to the members without an event (which would not move the seq that vouches for the roles the
 * lock reads). Those checks cost no extra statement: each write's row count answers them, and no statement fails (which
 * on PostgreSQL would poison the transaction). A run of new messages (a batch of posts) is one multi-row insert and
 * the events are one more, so a batch of any size costs the same few statements.
 */
public final class ChangeWriter {
    private static final String BUMP = """
            UPDATE chats SET last_seq = :seq, last_activity_at = :at WHERE id = CAST(:chat AS UUID)""";

    private ChangeWriter() {
    }

    /** Stores {@code changes} into chat {@code chatId}, whose last seq is {@code lastSeq} under this transaction's lock. */
    public static void store(Sql sql, ChatId chatId, long lastSeq, ChatChanges changes) {
        check(chatId, lastSeq, changes);
        writeInOrder(sql, chatId, changes.writes());
        EventRecords.append(sql, changes.events().stream().map(LoggedEvent::of).toList());
        changes.lastEvent().ifPresent(last -> sql.update("bump-chat", BUMP, Params.of("seq", last.seq()).and("at", last.at())
                .and("chat", chatId.value())));
    }

    /** One chat's part of a transaction across chats: its changes, on from its last seq under this transaction's lock. */
    public record ChatStore(ChatId chatId, long lastSeq, ChatChanges changes) {
    }

    /**
     * Stores several chats' changes, each chat's as {@link #store} would, together: the new messages of every chat
     * whose writes are new messages only in one multi-row insert (a chat with other writes stores its own in order),
     * every chat's events in one more, and one seq bump for all ({@code CASE id WHEN ...}).
     */
    public static void storeAcross(Sql sql, List<ChatStore> chats) {
        for (ChatStore chat : chats) {
            check(chat.chatId(), chat.lastSeq(), chat.changes());
        }
        List<ChatWrite.InsertMessage> posts = new ArrayList<>();
        for (ChatStore chat : chats) {
            List<ChatWrite> writes = chat.changes().writes();
            if (writes.stream().allMatch(w -> w instanceof ChatWrite.InsertMessage)) {
                for (ChatWrite write : writes) {
                    ChatWrite.InsertMessage insert = (ChatWrite.InsertMessage) write;
                    require(insert.message().chatId().equals(chat.chatId()), "message " + insert.message().id() + " is not of chat " + chat.chatId());
                    posts.add(insert);
                }
            } else {
                writeInOrder(sql, chat.chatId(), writes);
            }
        }
        if (!posts.isEmpty()) {
            List<Params> rows = new ArrayList<>(posts.size());
            for (ChatWrite.InsertMessage insert : posts) {
                rows.add(MessageRows.insertParams(insert.message(), insert.clientMessageId()));
            }
            long inserted = sql.update("insert-messages", MessageRows.INSERT_ROWS.statement(rows.size()), MultiRow.params(rows));
            require(inserted == rows.size(), (rows.size() - inserted) + " of " + rows.size()
                                             + " messages have an id, seq or retry key taken in their chats");
        }
        List<LoggedEvent> events = new ArrayList<>();
        chats.forEach(chat -> chat.changes().events().forEach(e -> events.add(LoggedEvent.of(e))));
        EventRecords.append(sql, events);
        List<ChatEvent> lasts = chats.stream().flatMap(chat -> chat.changes().lastEvent().stream()).toList();
        if (lasts.size() == 1) {
            ChatEvent last = lasts.getFirst();
            sql.update("bump-chat", BUMP, Params.of("seq", last.seq()).and("at", last.at()).and("chat", last.chatId().value()));
        } else if (!lasts.isEmpty()) {
            Params params = Params.none();
            StringBuilder seqs = new StringBuilder("UPDATE chats SET last_seq = CASE id");
            StringBuilder ats = new StringBuilder(" END, last_activity_at = CASE id");
            for (int i = 0; i < lasts.size(); i++) {
                seqs.append(" WHEN CAST(:b").append(i).append(" AS UUID) THEN CAST(:s").append(i).append(" AS BIGINT)");
                ats.append(" WHEN CAST(:b").append(i).append(" AS UUID) THEN CAST(:t").append(i).append(" AS TIMESTAMP WITH TIME ZONE)");
                params.and("s" + i, lasts.get(i).seq()).and("t" + i, lasts.get(i).at());
            }
            String in = InList.of("b", lasts, p -> "CAST(" + p + " AS UUID)", e -> e.chatId().value(), params);
            long bumped = sql.update("bump-chats", seqs.append(ats).append(" END WHERE id IN ").append(in).toString(), params);
            require(bumped == lasts.size(), lasts.size() + " chats to move on, " + bumped + " moved");
        }
    }

    private static void check(ChatId chatId, long lastSeq, ChatChanges changes) {
        long next = lastSeq + 1;
        for (ChatEvent event : changes.events()) {
            // checked before anything is written: a stale decision must not get as far as the rows
            if (!event.chatId().equals(chatId) || event.seq() != next++) {
                throw new IllegalStateException("event " + event.chatId() + "#" + event.seq() + " does not follow " + chatId + "#" + lastSeq);
            }
        }
        if (changes.lastEvent().isEmpty() && changes.writes().stream().anyMatch(ChangeWriter::changesMembers)) {
            // the roles the lock reads are trusted because every change to the members moves the chat's seq
            // (JdbcLedger#lock): a change to them that brings no event would leave a stale roster looking current
            throw new IllegalStateException("a change to the members of " + chatId + " brings no event");
        }
    }

    private static void writeInOrder(Sql sql, ChatId chatId, List<ChatWrite> writes) {
        for (int i = 0; i < writes.size(); ) {
            if (writes.get(i) instanceof ChatWrite.InsertMessage) {
                // a run of new messages (a batch of posts) is one statement; the order of writes is kept
                int end = i;
                while (end < writes.size() && writes.get(end) instanceof ChatWrite.InsertMessage) {
                    end++;
                }
                insertMessages(sql, chatId, writes.subList(i, end));
                i = end;
            } else {
                write(sql, chatId, writes.get(i++));
            }
        }
    }

    /** New messages in one statement: every row must go in (an id, seq or retry key taken refuses them all). */
    private static void insertMessages(Sql sql, ChatId chatId, List<ChatWrite> inserts) {
        List<Params> rows = new ArrayList<>(inserts.size());
        for (ChatWrite write : inserts) {
            ChatWrite.InsertMessage insert = (ChatWrite.InsertMessage) write;
            require(insert.message().chatId().equals(chatId), "message " + insert.message().id() + " is not of chat " + chatId);
            rows.add(MessageRows.insertParams(insert.message(), insert.clientMessageId()));
        }
        long inserted = sql.update("insert-messages", MessageRows.INSERT_ROWS.statement(rows.size()), MultiRow.params(rows));
        require(inserted == rows.size(), inserts.size() == 1
                ? "message " + ((ChatWrite.InsertMessage) inserts.getFirst()).message().id() + " or its seq or retry key is taken in chat " + chatId
                : (rows.size() - inserted) + " of " + rows.size() + " messages have an id, seq or retry key taken in chat " + chatId);
    }

    private static void write(Sql sql, ChatId chatId, ChatWrite write) {
        switch (write) {
            case ChatWrite.InsertMessage insert -> insertMessages(sql, chatId, List.of(insert));
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

    private static boolean changesMembers(ChatWrite write) {
        return write instanceof ChatWrite.InsertMember || write instanceof ChatWrite.ChangeMemberRole
               || write instanceof ChatWrite.DeleteMember;
    }

    private static void require(boolean written, String contradiction) {
        if (!written) {
            throw new IllegalStateException(contradiction);
        }
    }
}
