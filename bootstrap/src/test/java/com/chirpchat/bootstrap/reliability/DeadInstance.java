package com.chirpchat.bootstrap.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * What an instance that is killed right after committing leaves behind: the change in the database, published to
 * nobody. Written here as the instance's store writes a post (one transaction: lock the chat, insert the message
 * and its event, move {@code last_seq}), so no instance in the test hears of it through the fanout.
 */
final class DeadInstance {
    private DeadInstance() {
    }

    /** Adds a member to the chat as a dying instance would; returns the seq of the {@code member_added}. */
    static long addMember(Connection sql, String chatId, String userId) throws SQLException {
        sql.setAutoCommit(false);
        try {
            long seq = lock(sql, chatId) + 1;
            try (PreparedStatement insert = sql.prepareStatement("""
                    INSERT INTO chat_members (chat_id, user_id, role, joined_at, added_seq)
                    VALUES (?::uuid, ?::uuid, 'member', now(), ?)""")) {
                insert.setString(1, chatId);
                insert.setString(2, userId);
                insert.setLong(3, seq);
                insert.executeUpdate();
            }
            try (PreparedStatement event = sql.prepareStatement("""
                    INSERT INTO chat_events (chat_id, seq, event_type, occurred_at, user_id, role)
                    VALUES (?::uuid, ?, 'member_added', now(), ?::uuid, 'member')""")) {
                event.setString(1, chatId);
                event.setLong(2, seq);
                event.setString(3, userId);
                event.executeUpdate();
            }
            moveLastSeq(sql, chatId, seq);
            sql.commit();
            return seq;
        } catch (SQLException | RuntimeException e) {
            sql.rollback();
            throw e;
        }
    }

    /** Commits a text message to the chat as a dying instance would; returns its seq. */
    static long post(Connection sql, String chatId, String authorId, String text) throws SQLException {
        sql.setAutoCommit(false);
        try {
            long seq = lock(sql, chatId) + 1;
            UUID message = UUID.randomUUID();
            try (PreparedStatement insert = sql.prepareStatement("""
                    INSERT INTO messages (id, chat_id, seq, author_id, kind, body, created_at, deleted)
                    VALUES (?, ?::uuid, ?, ?::uuid, 'text', ?, now(), FALSE)""")) {
                insert.setObject(1, message);
                insert.setString(2, chatId);
                insert.setLong(3, seq);
                insert.setString(4, authorId);
                insert.setString(5, text);
                insert.executeUpdate();
            }
            try (PreparedStatement event = sql.prepareStatement("""
                    INSERT INTO chat_events (chat_id, seq, event_type, occurred_at, message_id)
                    VALUES (?::uuid, ?, 'message_created', now(), ?)""")) {
                event.setString(1, chatId);
                event.setLong(2, seq);
                event.setObject(3, message);
                event.executeUpdate();
            }
            moveLastSeq(sql, chatId, seq);
            sql.commit();
            return seq;
        } catch (SQLException | RuntimeException e) {
            sql.rollback();
            throw e;
        }
    }

    private static long lock(Connection sql, String chatId) throws SQLException {
        try (PreparedStatement lock = sql.prepareStatement("SELECT last_seq FROM chats WHERE id = ?::uuid FOR UPDATE")) {
            lock.setString(1, chatId);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void moveLastSeq(Connection sql, String chatId, long seq) throws SQLException {
        try (PreparedStatement last = sql.prepareStatement("UPDATE chats SET last_seq = ?, last_activity_at = now() WHERE id = ?::uuid")) {
            last.setLong(1, seq);
            last.setString(2, chatId);
            last.executeUpdate();
        }
    }
}
