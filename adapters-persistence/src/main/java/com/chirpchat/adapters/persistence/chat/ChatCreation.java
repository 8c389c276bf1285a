package com.chirpchat.adapters.persistence.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.adapters.persistence.event.EventRecords;
import com.chirpchat.application.chat.CreateChatPort;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.user.UserId;

/** Stores a new chat with its first members and their {@code member_added} events, all or nothing. */
public final class ChatCreation implements CreateChatPort {
    private static final String INSERT = """
            INSERT INTO chats (id, title, created_at, last_seq, last_activity_at)
            VALUES (CAST(:id AS UUID), :title, :createdAt, :lastSeq, :createdAt)""";

    private final Sql sql;

    public ChatCreation(Sql sql) {
        this.sql = sql;
    }

    @Override
    public CreatedChat create(NewChat chat) {
        Set<UserId> seen = new HashSet<>();
        for (Membership m : chat.members()) {
            if (!seen.add(m.userId())) {
                throw new IllegalArgumentException("user " + m.userId() + " is listed twice");
            }
        }
        List<Membership> members = chat.members();
        return sql.inTransaction(() -> {
            sql.update("insert-chat", INSERT, Params.of("id", chat.id().value())
                    .and("title", chat.title().value())
                    .and("createdAt", chat.createdAt())
                    .and("lastSeq", (long) members.size()));
            List<ChatEvent> events = new ArrayList<>(members.size());
            long seq = 0;
            for (Membership member : members) {
                seq++;
                Members.insert(sql, chat.id(), member, chat.createdAt(), seq);
                ChatEvent event = new ChatEvent(chat.id(), seq, chat.createdAt(),
                                                new EventData.MemberAdded(member.userId(), member.role()));
                EventRecords.append(sql, event);
                events.add(event);
            }
            return new CreatedChat(new Chat(chat.id(), chat.title(), chat.createdAt(), members, seq), events);
        });
    }
}
