package com.chirpchat.adapters.persistence.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.application.access.LoadMembershipPort;
import com.chirpchat.application.chat.LoadChatPort;
import com.chirpchat.application.event.ChatPosition;
import com.chirpchat.application.event.LoadChatPositionsPort;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.ChatTitle;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.chat.Roster;
import com.chirpchat.domain.user.UserId;
import io.helidon.dbclient.DbRow;

/**
 * Reads chats, memberships and positions. Each read is a single statement, so what it returns is one
 * consistent snapshot: a chat's members agree with its {@code last_seq}.
 */
public final class ChatRepository implements LoadChatPort, LoadMembershipPort, LoadChatPositionsPort {
    private static final String CHAT_COLUMNS = "c.id, c.title, c.created_at, c.last_seq, m.user_id, m.role";
    private static final String CHAT = "SELECT " + CHAT_COLUMNS + """
             FROM chats c
             LEFT JOIN chat_members m ON m.chat_id = c.id
            WHERE c.id = CAST(:chat AS UUID)
            ORDER BY m.added_seq""";
    private static final String CHATS_OF = "SELECT " + CHAT_COLUMNS + """
             FROM chat_members mine
             JOIN chats c ON c.id = mine.chat_id
             JOIN chat_members m ON m.chat_id = c.id
            WHERE mine.user_id = CAST(:user AS UUID)
            ORDER BY c.last_activity_at DESC, c.id, m.added_seq""";
    // one read says both whether the chat exists and what the user is in it
    private static final String ROSTER_FOR = """
            SELECT c.id, m.role
              FROM chats c
              LEFT JOIN chat_members m ON m.chat_id = c.id AND m.user_id = CAST(:user AS UUID)
             WHERE c.id = CAST(:chat AS UUID)""";
    private static final String POSITIONS = """
            SELECT c.id, c.last_seq, m.added_seq
              FROM chat_members m
              JOIN chats c ON c.id = m.chat_id
             WHERE m.user_id = CAST(:user AS UUID)""";

    private final Sql sql;

    public ChatRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Chat> chat(ChatId id) {
        return assemble(sql.list("chat", CHAT, Params.of("chat", id.value()), ChatRepository::row)).stream().findFirst();
    }

    @Override
    public List<Chat> chatsOf(UserId userId) {
        return assemble(sql.list("chats-of-user", CHATS_OF, Params.of("user", userId.value()), ChatRepository::row));
    }

    @Override
    public Optional<Role> roleOf(ChatId chatId, UserId userId) {
        return Members.roleOf(sql, chatId, userId);
    }

    @Override
    public Optional<Roster> rosterFor(ChatId chatId, UserId userId) {
        return sql.one("roster-for", ROSTER_FOR, Params.of("chat", chatId.value()).and("user", userId.value()),
                       row -> Roster.of(List.of(userId), Rows.optionalString(row, "role").map(r -> Map.of(userId, Role.parse(r)))
                               .orElse(Map.of())));
    }

    @Override
    public List<ChatPosition> positionsOf(UserId userId) {
        return sql.list("chat-positions", POSITIONS, Params.of("user", userId.value()),
                        row -> new ChatPosition(new ChatId(Rows.uuid(row, "id")), Rows.longValue(row, "last_seq"),
                                                Rows.longValue(row, "added_seq")));
    }

    /** One row per chat member (or one with no member, for an empty chat). */
    private record ChatRow(ChatId id, ChatTitle title, java.time.Instant createdAt, long lastSeq, Optional<Membership> member) {
    }

    private static ChatRow row(DbRow row) {
        Optional<Membership> member = Rows.optionalUuid(row, "user_id")
                .map(user -> new Membership(new UserId(user), Role.parse(Rows.string(row, "role"))));
        return new ChatRow(new ChatId(Rows.uuid(row, "id")), ChatTitle.stored(Rows.string(row, "title")),
                           Rows.instant(row, "created_at"), Rows.longValue(row, "last_seq"), member);
    }

    /** Folds member rows into chats, keeping the order in which the chats first appear. */
    private static List<Chat> assemble(List<ChatRow> rows) {
        Map<ChatId, List<ChatRow>> byChat = new LinkedHashMap<>();
        rows.forEach(r -> byChat.computeIfAbsent(r.id(), id -> new ArrayList<>()).add(r));
        return byChat.values().stream().map(chatRows -> {
            ChatRow first = chatRows.getFirst();
            List<Membership> members = chatRows.stream().flatMap(r -> r.member().stream()).toList();
            return new Chat(first.id(), first.title(), first.createdAt(), members, first.lastSeq());
        }).toList();
    }
}
