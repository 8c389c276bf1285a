package com.chirpchat.adapters.http.event;

import com.chirpchat.adapters.http.web.Caller;
import com.chirpchat.adapters.http.web.Endpoints;
import com.chirpchat.adapters.http.web.Params;
import com.chirpchat.adapters.http.web.Replies;
import com.chirpchat.adapters.http.web.RouteGroup;
import com.chirpchat.application.event.EventPage;
import com.chirpchat.application.event.ListChatEventsUseCase;
import com.chirpchat.wire.DomainJson;
import com.chirpchat.wire.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /chats/{chatId}/events}: catching up after a gap in sequence numbers. */
public final class EventRoutes implements RouteGroup {
    private final ListChatEventsUseCase events;

    public EventRoutes(ListChatEventsUseCase events) {
        this.events = events;
    }

    @Override
    public void addTo(Endpoints endpoints) {
        endpoints.get("/chats/{chatId}/events", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        EventPage page = events.eventsAfter(Caller.of(req), Params.chatId(req),
                                            Params.nonNegativeLong(req, "after").orElse(0),
                                            Params.nonNegativeInt(req, "limit"));
        ObjectNode reply = Json.mapper().createObjectNode();
        var items = reply.putArray("items");
        page.items().forEach(event -> items.add(DomainJson.event(event)));
        reply.put("hasMore", page.hasMore());
        Replies.json(res, 200, reply);
    }
}
