package com.chirpchat.application.chat;

import com.chirpchat.domain.ledger.FoundedChat;

/** Stores a new chat. */
public interface CreateChatPort {
    /** Stores the chat, its first members and their events (as the domain numbered them) in one transaction. */
    void create(FoundedChat chat);
}
