package com.chirpchat.application.chat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.domain.chat.ChatTitle;
import com.chirpchat.domain.user.UserId;

/** A new chat: its creator becomes the owner, the listed users members (the creator listed again is ignored). */
public record CreateChatCommand(UserId creator, ChatTitle title, Set<UserId> memberIds) {
    public static final int MAX_INITIAL_MEMBERS = 1000;

    public CreateChatCommand {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(title, "title");
        Set<UserId> others = new LinkedHashSet<>(memberIds);
        others.remove(creator);
        if (others.size() > MAX_INITIAL_MEMBERS) {
            throw UseCaseException.invalid("memberIds: at most " + MAX_INITIAL_MEMBERS + " members at creation");
        }
        memberIds = Set.copyOf(others);
    }

    public static CreateChatCommand of(UserId creator, String title, List<UserId> memberIds) {
        return new CreateChatCommand(creator, new ChatTitle(title), new LinkedHashSet<>(memberIds));
    }
}
