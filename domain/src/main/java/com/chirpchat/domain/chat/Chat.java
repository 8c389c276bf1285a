package com.chirpchat.domain.chat;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.user.UserId;

/**
 * A chat as its members see it. {@code lastSeq} is the sequence number of the newest event of the chat
 * (0 before the first).
 */
public record Chat(ChatId id, ChatTitle title, Instant createdAt, List<Membership> members, long lastSeq)
        implements ChatRoster {

    public Chat {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(createdAt, "createdAt");
        members = List.copyOf(members);
        if (lastSeq < 0) {
            throw new IllegalArgumentException("lastSeq must not be negative");
        }
    }

    @Override
    public Optional<Role> roleOf(UserId userId) {
        return members.stream().filter(m -> m.userId().equals(userId)).map(Membership::role).findFirst();
    }

    @Override
    public long ownerCount() {
        return members.stream().filter(m -> m.role() == Role.OWNER).count();
    }

    @Override
    public long memberCount() {
        return members.size();
    }
}
