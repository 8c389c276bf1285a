package com.chirpchat.application.event;

import java.util.Collection;
import java.util.Map;

import com.chirpchat.domain.chat.ChatId;

/** Reads the newest committed sequence number of many chats at once: what the {@link CommitWatch} compares with. */
public interface LoadChatHeadsPort {
    /** Each existing chat among {@code chats} with its newest seq (0 before its first event); unknown ones are left out. */
    Map<ChatId, Long> lastSeqs(Collection<ChatId> chats);
}
