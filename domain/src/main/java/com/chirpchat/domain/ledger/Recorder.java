package com.chirpchat.domain.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;

/** Records one accepted decision as it is made: the state as it changes, the writes, and the events, numbered in turn. */
final class Recorder {
    private ChatState state;
    private final List<ChatWrite> writes = new ArrayList<>();
    private final List<ChatEvent> events = new ArrayList<>();

    private Recorder(ChatState state) {
        this.state = state;
    }

    /** Starts a decision about chat {@code chatId} on {@code state}, which must be that chat's. */
    static Recorder on(ChatState state, ChatId chatId) {
        if (!state.chatId().equals(chatId)) {
            throw new IllegalArgumentException("a change to chat " + chatId + " decided on the state of chat " + state.chatId());
        }
        return new Recorder(state);
    }

    ChatState state() {
        return state;
    }

    void update(UnaryOperator<ChatState> change) {
        state = change.apply(state);
    }

    void write(ChatWrite write) {
        writes.add(write);
    }

    /** The event, numbered with the chat's next seq. */
    ChatEvent emit(Instant at, EventData data) {
        ChatEvent event = new ChatEvent(state.chatId(), state.lastSeq() + 1, at, data);
        state = state.numbered(event.seq());
        events.add(event);
        return event;
    }

    <R> Outcome<R> accept(R result) {
        return new Outcome.Accepted<>(result, state, new ChatChanges(writes, events));
    }
}
