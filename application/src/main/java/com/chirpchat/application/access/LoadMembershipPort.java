package com.chirpchat.application.access;

import java.util.Optional;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.chat.Roster;
import com.chirpchat.domain.user.UserId;

/** Reads a single membership, the question asked before every read of a chat. */
public interface LoadMembershipPort {
    /** The user's role in the chat; empty when the user is not a member or the chat does not exist. */
    Optional<Role> roleOf(ChatId chatId, UserId userId);

    /** The chat's roster as far as the user is concerned (no counts), in one read; empty when there is no such chat. */
    Optional<Roster> rosterFor(ChatId chatId, UserId userId);
}
