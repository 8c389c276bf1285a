package com.chirpchat.application.event;

import java.util.List;

import com.chirpchat.domain.event.ChatEvent;

/** Events oldest first, and whether more follow the last one. */
public record EventPage(List<ChatEvent> items, boolean hasMore) {
    public EventPage {
        items = List.copyOf(items);
    }
}
