package com.chirpchat.archfixture.persistence.builds;

import java.time.Instant;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.message.MessageId;

/** Fixture: a "persistence" class that decides an event itself instead of storing the domain's. */
public class BuildsEvents {
    public ChatEvent deleted(ChatId chat, long seq, MessageId message) {
        return new ChatEvent(chat, seq, Instant.EPOCH, new EventData.MessageDeleted(message));
    }
}
