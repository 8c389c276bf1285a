package com.chirpchat.archfixture.persistence.stores;

import java.util.Optional;

import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.LoggedEvent;
import com.chirpchat.domain.message.Message;

/** Fixture: what persistence may do with events: keep the domain's log form of them, and let the domain replay it. */
public class StoresEvents {
    public LoggedEvent store(ChatEvent event) {
        return LoggedEvent.of(event);
    }

    public ChatEvent read(LoggedEvent logged, Optional<Message> messageNow) {
        return logged.replay(messageNow);
    }
}
