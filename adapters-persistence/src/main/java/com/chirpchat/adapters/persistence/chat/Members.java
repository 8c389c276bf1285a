package com.chirpchat.adapters.persistence.chat;

import java.time.Instant;
import java.util.Optional;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.user.UserId;

/**
 * The {@code chat_members} statements. Each answers exactly what is asked (one member's role, a count) through
 * the primary key, so a rule check in a chat of thousands reads one row or one index range, never the roster.
 */
public final class Members {
    private static final String INSERT = """
            INSERT INTO chat_members (chat_id, user_id, role, joined_at, added_seq)
            VALUES (CAST(:chat AS UUID), CAST(:user AS UUID), :role, :at, :seq)""";
    private static final String DELETE =
            "DELETE FROM chat_members WHERE chat_id = CAST(:chat AS UUID) AND user_id = CAST(:user AS UUID)";
    private static final String ROLE =
            "SELECT role FROM chat_members WHERE chat_id = CAST(:chat AS UUID) AND user_id = CAST(:user AS UUID)";
    private static final String COUNT = "SELECT COUNT(*) AS n FROM chat_members WHERE chat_id = CAST(:chat AS UUID)";
    private static final String COUNT_ROLE = COUNT + " AND role = :role";

    private Members() {
    }

    /** Adds the member; {@code addedSeq} is the seq of the {@code member_added} event, which orders the roster. */
    public static void insert(Sql sql, ChatId chat, Membership member, Instant at, long addedSeq) {
        sql.update("insert-member", INSERT, Params.of("chat", chat.value())
                .and("user", member.userId().value())
                .and("role", member.role().wireName())
                .and("at", at)
                .and("seq", addedSeq));
    }

    public static void delete(Sql sql, ChatId chat, UserId user) {
        sql.update("delete-member", DELETE, Params.of("chat", chat.value()).and("user", user.value()));
    }

    public static Optional<Role> roleOf(Sql sql, ChatId chat, UserId user) {
        return sql.one("member-role", ROLE, Params.of("chat", chat.value()).and("user", user.value()),
                       row -> Role.parse(Rows.string(row, "role")));
    }

    public static long count(Sql sql, ChatId chat) {
        return sql.one("count-members", COUNT, Params.of("chat", chat.value()), row -> Rows.longValue(row, "n")).orElse(0L);
    }

    public static long count(Sql sql, ChatId chat, Role role) {
        return sql.one("count-members-in-role", COUNT_ROLE, Params.of("chat", chat.value()).and("role", role.wireName()),
                       row -> Rows.longValue(row, "n")).orElse(0L);
    }
}
