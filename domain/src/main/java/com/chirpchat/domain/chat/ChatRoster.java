package com.chirpchat.domain.chat;

import java.util.Optional;

import com.chirpchat.domain.user.UserId;

/** What the membership rules need to know about a chat's members. */
public interface ChatRoster {
    /** The user's role, empty when they are not a member. */
    Optional<Role> roleOf(UserId userId);

    long ownerCount();

    /** Members of every role, owners included. */
    long memberCount();
}
