package com.chirpchat.domain.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.chirpchat.domain.event.ChatEvent;

/**
 * Everything a decided change leaves for storage, in order: the rows to write, then the events (numbered by the
 * domain, gap-free from the chat's last seq), after which the chat's last seq is the last event's. Changes decided
 * one after another on the same chat add up with {@link #then}, so a batch is stored as one.
 */
public record ChatChanges(List<ChatWrite> writes, List<ChatEvent> events) {
    public static final ChatChanges NONE = new ChatChanges(List.of(), List.of());

    public ChatChanges {
        writes = List.copyOf(writes);
        events = List.copyOf(events);
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).seq() != events.get(i - 1).seq() + 1 || !events.get(i).chatId().equals(events.get(0).chatId())) {
                throw new IllegalArgumentException("events of one chat, numbered without gaps");
            }
        }
    }

    /** Writes only, no events. */
    public static ChatChanges of(ChatWrite... writes) {
        return new ChatChanges(List.of(writes), List.of());
    }

    /** These changes followed by {@code next}. */
    public ChatChanges then(ChatChanges next) {
        List<ChatWrite> allWrites = new ArrayList<>(writes);
        allWrites.addAll(next.writes);
        List<ChatEvent> allEvents = new ArrayList<>(events);
        allEvents.addAll(next.events);
        return new ChatChanges(allWrites, allEvents);
    }

    public boolean isEmpty() {
        return writes.isEmpty() && events.isEmpty();
    }

    /** The newest event, whose seq and time the chat takes on. */
    public Optional<ChatEvent> lastEvent() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.getLast());
    }
}
