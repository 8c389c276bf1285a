package com.chirpchat.application.event;

import java.util.Objects;
import java.util.function.Function;

import com.chirpchat.domain.event.ChatEvent;

/**
 * An event on its way to many connections. Connections render it to their wire form through
 * {@link #render}, which keeps the first rendering, so a chat of a thousand members encodes each event once.
 */
public final class OutboundEvent {
    private final ChatEvent event;
    private volatile Object rendering;

    public OutboundEvent(ChatEvent event) {
        this.event = Objects.requireNonNull(event, "event");
    }

    /**
     * An event that comes already rendered (by the fanout that brought it, from what its publisher rendered):
     * {@code rendering} must be what {@link #render} would compute with the adapters' one renderer.
     */
    public OutboundEvent(ChatEvent event, Object rendering) {
        this.event = Objects.requireNonNull(event, "event");
        this.rendering = Objects.requireNonNull(rendering, "rendering");
    }

    public ChatEvent event() {
        return event;
    }

    /**
     * The event rendered by {@code renderer}, computed once and shared. Every caller must pass an equivalent
     * renderer (there is one wire format); a rare race may render twice, which is harmless.
     */
    @SuppressWarnings("unchecked")
    public <T> T render(Function<ChatEvent, T> renderer) {
        Object rendered = rendering;
        if (rendered == null) {
            rendered = renderer.apply(event);
            rendering = rendered;
        }
        return (T) rendered;
    }
}
