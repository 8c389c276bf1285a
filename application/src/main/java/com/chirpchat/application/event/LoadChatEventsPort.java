package com.chirpchat.application.event;

import java.util.List;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;

/** Reads a chat's event log. */
public interface LoadChatEventsPort {
    /**
     * Up to {@code limit} events with {@code seq > afterSeq}, oldest first. Events about messages carry the
     * message as it is now: a message deleted since is its tombstone, so deleted text cannot be read back.
     */
    List<ChatEvent> eventsAfter(ChatId chatId, long afterSeq, int limit);
}
