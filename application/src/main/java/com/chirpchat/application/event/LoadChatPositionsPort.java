package com.chirpchat.application.event;

import java.util.List;

import com.chirpchat.domain.user.UserId;

/** Reads, in one consistent snapshot, the chats a user belongs to with each chat's newest sequence number. */
public interface LoadChatPositionsPort {
    List<ChatPosition> positionsOf(UserId userId);
}
