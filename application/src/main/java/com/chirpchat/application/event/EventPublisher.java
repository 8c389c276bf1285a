package com.chirpchat.application.event;

import java.lang.System.Logger.Level;
import java.util.List;

import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.ledger.Outcome;

/**
 * Hands committed events to the fanout. The change is already durable when this runs, so a fanout failure
 * must not fail the request: it is logged, and members recover the event through sequence gaps.
 */
public final class EventPublisher {
    private static final System.Logger LOG = System.getLogger(EventPublisher.class.getName());

    private final ChatEventFanout fanout;

    public EventPublisher(ChatEventFanout fanout) {
        this.fanout = fanout;
    }

    public void publish(ChatEvent event) {
        try {
            fanout.publish(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not publish event " + event.chatId() + "#" + event.seq()
                    + "; members will recover it from storage", e);
        }
    }

    public void publish(List<ChatEvent> events) {
        events.forEach(this::publish);
    }

    /**
     * Publishes a stored decision's events: the {@code committed} hook of
     * {@link com.chirpchat.application.ledger.ChangeChatPort#apply(com.chirpchat.domain.ledger.ChatCommand,
     * java.util.function.Consumer)}, so that they go out as their transaction commits, in commit order.
     */
    public void publishCommitted(Outcome.Accepted<?> accepted) {
        publish(accepted.changes().events());
    }
}
