package com.chirpchat.bootstrap.reliability;

import java.util.ArrayList;
import java.util.List;

import com.chirpchat.bootstrap.support.Api;
import com.fasterxml.jackson.databind.JsonNode;

/** A chat's whole event log as a client reads it ({@code GET /chats/{id}/events?after=}), the checker's truth. */
public record EventLog(String chatId, List<JsonNode> events) {

    public static EventLog read(Api api, String token, String chatId) {
        List<JsonNode> events = new ArrayList<>();
        long after = 0;
        for (int page = 0; page < 1000; page++) {
            JsonNode answer = api.get("/chats/" + chatId + "/events?after=" + after + "&limit=500", token).expect(200).json();
            answer.get("items").forEach(events::add);
            if (!answer.get("hasMore").asBoolean() || events.isEmpty()) {
                return new EventLog(chatId, events);
            }
            after = events.getLast().get("seq").asLong();
        }
        throw new AssertionError("chat " + chatId + " has more events than a test makes");
    }

    public long lastSeq() {
        return events.isEmpty() ? 0 : events.getLast().get("seq").asLong();
    }

    /** The event at {@code seq}, which the log must have. */
    public JsonNode at(long seq) {
        JsonNode event = events.get((int) seq - 1);
        if (event.get("seq").asLong() != seq) {
            throw new AssertionError("the log of " + chatId + " is not numbered 1, 2, 3, ...: " + event);
        }
        return event;
    }
}
