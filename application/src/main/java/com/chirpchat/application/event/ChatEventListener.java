package com.chirpchat.application.event;

import com.chirpchat.domain.event.ChatEvent;

/** Receives what the fanout brings. */
public interface ChatEventListener {
    void onEvent(ChatEvent event);

    /** The fanout was cut off for a while and is back: anything published meanwhile may be lost. */
    void onReconnected();
}
