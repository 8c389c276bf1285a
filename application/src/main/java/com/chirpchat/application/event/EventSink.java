package com.chirpchat.application.event;

import com.chirpchat.domain.user.UserId;

/** One live connection of a user, receiving the events of their chats. */
public interface EventSink {
    UserId userId();

    /**
     * Takes an event for the connection. Must return at once without blocking: a connection that cannot keep
     * up drops itself rather than hold back the others.
     */
    void deliver(OutboundEvent event);
}
