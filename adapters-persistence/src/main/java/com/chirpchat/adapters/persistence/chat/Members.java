package com.chirpchat.adapters.persistence.chat;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import com.chirpchat.adapters.persistence.db.InList;
import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.user.UserId;

/**
 * The {@code chat_members} statements. Each answers exactly what is asked (some members' roles, the counts)
 * through the primary key, so a change in a chat of thousands reads a few rows or one index range, never the roster.
 */
public final class Members {
    // ON CONFLICT DO NOTHING: an existing member is a refusal (no row inserted), not a failed statement that would
    // poison the rest of the transaction on PostgreSQL
    private static final String INSERT = """
            INSERT INTO chat_members (chat_id, user_id, role, joined_at, added_seq)
            VALUES (CAST(:chat AS UUID), CAST(:user AS UUID), :role, :at, :seq)
            ON CONFLICT DO NOTHING""";
    private static final String DELETE =
            "DELETE FROM chat_members WHERE chat_id = CAST(:chat AS UUID) AND user_id = CAST(:user AS UUID)";
    private static final String UPDATE_ROLE =
            "UPDATE chat_members SET role = :role WHERE chat_id = CAST(:chat AS UUID) AND user_id = CAST(:user AS UUID)";
    private static final String ROLE =
            "SELECT role FROM chat_members WHERE chat_id = CAST(:chat AS UUID) AND user_id = CAST(:user AS UUID)";
    private static final String ROLES = "SELECT user_id, role FROM chat_members WHERE chat_id = CAST(:chat AS UUID) AND user_id IN ";
    private static final String COUNTS = """
            SELECT COUNT(*) AS members, COALESCE(SUM(CASE WHEN role = 'owner' THEN 1 ELSE 0 END), 0) AS owners
              FROM chat_members WHERE chat_id = CAST(:chat AS UUID)""";

    private Members() {
    }

    /** The chat's owner and member counts, in one statement. */
    public record Counts(long owners, long members) {
    }

    /** Adds the member; false when they are one already (nothing is written then). */
    public static boolean insert(Sql sql, ChatId chat, Membership member, Instant at, long addedSeq) {
        return sql.update("insert-member", INSERT, Params.of("chat", chat.value())
                .and("user", member.userId().value())
                .and("role", member.role().wireName())
                .and("at", at)
                .and("seq", addedSeq)) == 1;
    }

    /** Removes the member; false when they were none. */
    public static boolean delete(Sql sql, ChatId chat, UserId user) {
        return sql.update("delete-member", DELETE, Params.of("chat", chat.value()).and("user", user.value())) == 1;
    }

    /** Gives the member their new role; false when they are none. */
    public static boolean changeRole(Sql sql, ChatId chat, Membership member) {
        return sql.update("change-member-role", UPDATE_ROLE, Params.of("chat", chat.value())
                .and("user", member.userId().value())
                .and("role", member.role().wireName())) == 1;
    }

    public static Optional<Role> roleOf(Sql sql, ChatId chat, UserId user) {
        return sql.one("member-role", ROLE, Params.of("chat", chat.value()).and("user", user.value()),
                       row -> Role.parse(Rows.string(row, "role")));
    }

    /** The roles of those of {@code users} who are members. */
    public static Map<UserId, Role> rolesOf(Sql sql, ChatId chat, Collection<UserId> users) {
        Map<UserId, Role> roles = new HashMap<>();
        if (users.isEmpty()) {
            return roles;
        }
        Params params = Params.of("chat", chat.value());
        String in = InList.of("u", users, p -> "CAST(" + p + " AS UUID)", UserId::value, params);
        sql.list("member-roles", ROLES + in, params, row -> Map.entry(new UserId(Rows.uuid(row, "user_id")), Role.parse(Rows.string(row, "role"))))
                .forEach(e -> roles.put(e.getKey(), e.getValue()));
        return roles;
    }

    /**
     * The roles of the concerned users who are members, chat by chat, in one statement for all the chats (each pair
     * by primary key); chats where none is a member are absent from the answer.
     */
    public static Map<ChatId, Map<UserId, Role>> rolesAcross(Sql sql, Map<ChatId, Set<UserId>> users) {
        Map<ChatId, Map<UserId, Role>> roles = new HashMap<>();
        Params params = Params.none();
        StringJoiner any = new StringJoiner(" OR ", "SELECT chat_id, user_id, role FROM chat_members WHERE ", "");
        int i = 0;
        for (Map.Entry<ChatId, Set<UserId>> chat : users.entrySet()) {
            for (UserId user : chat.getValue()) {
                any.add("(chat_id = CAST(:h" + i + " AS UUID) AND user_id = CAST(:u" + i + " AS UUID))");
                params.and("h" + i, chat.getKey().value()).and("u" + i, user.value());
                i++;
            }
        }
        if (i == 0) {
            return roles;
        }
        sql.list("member-roles-across", any.toString(), params, row -> new Held(new ChatId(Rows.uuid(row, "chat_id")),
                        new UserId(Rows.uuid(row, "user_id")), Role.parse(Rows.string(row, "role"))))
                .forEach(held -> roles.computeIfAbsent(held.chat(), c -> new HashMap<>()).put(held.user(), held.role()));
        return roles;
    }

    private record Held(ChatId chat, UserId user, Role role) {
    }

    public static Counts counts(Sql sql, ChatId chat) {
        return sql.one("count-members", COUNTS, Params.of("chat", chat.value()),
                       row -> new Counts(Rows.longValue(row, "owners"), Rows.longValue(row, "members"))).orElse(new Counts(0, 0));
    }
}
