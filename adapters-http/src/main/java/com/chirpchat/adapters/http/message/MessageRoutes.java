package com.chirpchat.adapters.http.message;

import com.chirpchat.adapters.http.web.Caller;
import com.chirpchat.adapters.http.web.Endpoints;
import com.chirpchat.adapters.http.web.Fields;
import com.chirpchat.adapters.http.web.JsonBodies;
import com.chirpchat.adapters.http.web.Params;
import com.chirpchat.adapters.http.web.Replies;
import com.chirpchat.adapters.http.web.RouteGroup;
import com.chirpchat.application.message.DeleteMessageUseCase;
import com.chirpchat.application.message.ListMessagesUseCase;
import com.chirpchat.application.message.MessagePage;
import com.chirpchat.application.message.PostMessageCommand;
import com.chirpchat.application.message.PostMessageUseCase;
import com.chirpchat.application.message.PostedMessage;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.wire.DomainJson;
import com.chirpchat.wire.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /chats/{chatId}/messages} and {@code /messages/{messageId}}. */
public final class MessageRoutes implements RouteGroup {
    private final PostMessageUseCase post;
    private final ListMessagesUseCase list;
    private final DeleteMessageUseCase delete;
    private final JsonBodies bodies;

    public MessageRoutes(PostMessageUseCase post, ListMessagesUseCase list, DeleteMessageUseCase delete, JsonBodies bodies) {
        this.post = post;
        this.list = list;
        this.delete = delete;
        this.bodies = bodies;
    }

    @Override
    public void addTo(Endpoints endpoints) {
        endpoints.post("/chats/{chatId}/messages", this::post)
                .get("/chats/{chatId}/messages", this::list)
                .delete("/messages/{messageId}", this::delete);
    }

    private void post(ServerRequest req, ServerResponse res) {
        UserId caller = Caller.of(req);
        ChatId chatId = Params.chatId(req);
        ObjectNode body = bodies.object(req);
        PostMessageCommand command = PostMessageCommand.of(caller, chatId, Fields.requiredString(body, "text"),
                                                           Fields.optionalString(body, "clientMessageId").orElse(null));
        PostedMessage posted = post.post(command);
        // a retry with the same clientMessageId gets the first message back: 200, nothing new was created
        Replies.json(res, posted.created() ? 201 : 200, DomainJson.message(posted.message()));
    }

    private void list(ServerRequest req, ServerResponse res) {
        UserId caller = Caller.of(req);
        ChatId chatId = Params.chatId(req);
        MessagePage page = list.messages(caller, chatId, Params.nonNegativeLong(req, "before"),
                                         Params.nonNegativeInt(req, "limit"));
        ObjectNode reply = Json.mapper().createObjectNode();
        var items = reply.putArray("items");
        page.items().forEach(message -> items.add(DomainJson.message(message)));
        if (page.nextBefore().isPresent()) {
            reply.put("nextBefore", page.nextBefore().getAsLong());
        } else {
            reply.putNull("nextBefore");
        }
        Replies.json(res, 200, reply);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        UserId caller = Caller.of(req);
        delete.delete(caller, MessageId.parse(Params.path(req, "messageId")));
        Replies.noContent(res);
    }
}
