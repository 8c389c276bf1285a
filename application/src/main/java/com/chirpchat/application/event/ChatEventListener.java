package com.chirpchat.application.event;

import com.chirpchat.domain.event.ChatEvent;

/** Receives what the fanout brings. */
public interface ChatEventListener {
    void onEvent(ChatEvent event);

    /**
     * An event that comes with its rendering for connections (see {@link OutboundEvent#OutboundEvent(ChatEvent, Object)}),
     * so it need not be rendered again here.
     */
    default void onEvent(ChatEvent event, Object rendering) {
        onEvent(event);
    }

    /**
     * Events may have been lost (the fanout was cut off and is back, or could not keep up): everything followed
     * should be caught up from storage.
     */
    void onReconnected();
}
