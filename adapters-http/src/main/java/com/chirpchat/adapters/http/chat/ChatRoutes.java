package com.chirpchat.adapters.http.chat;

import java.util.ArrayList;
import java.util.List;

import com.chirpchat.adapters.http.web.Caller;
import com.chirpchat.adapters.http.web.Endpoints;
import com.chirpchat.adapters.http.web.Fields;
import com.chirpchat.adapters.http.web.JsonBodies;
import com.chirpchat.adapters.http.web.Params;
import com.chirpchat.adapters.http.web.Replies;
import com.chirpchat.adapters.http.web.RouteGroup;
import com.chirpchat.application.chat.AddMemberCommand;
import com.chirpchat.application.chat.AddMemberUseCase;
import com.chirpchat.application.chat.ChangeMemberRoleUseCase;
import com.chirpchat.application.chat.CreateChatCommand;
import com.chirpchat.application.chat.CreateChatUseCase;
import com.chirpchat.application.chat.RemoveMemberUseCase;
import com.chirpchat.application.chat.ViewChatsUseCase;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.common.Ids;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.wire.DomainJson;
import com.chirpchat.wire.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /chats}, {@code /chats/{chatId}} and its {@code members}. */
public final class ChatRoutes implements RouteGroup {
    private final CreateChatUseCase createChat;
    private final ViewChatsUseCase viewChats;
    private final AddMemberUseCase addMember;
    private final RemoveMemberUseCase removeMember;
    private final ChangeMemberRoleUseCase changeRole;
    private final JsonBodies bodies;

    public ChatRoutes(CreateChatUseCase createChat, ViewChatsUseCase viewChats, AddMemberUseCase addMember,
                      RemoveMemberUseCase removeMember, ChangeMemberRoleUseCase changeRole, JsonBodies bodies) {
        this.createChat = createChat;
        this.viewChats = viewChats;
        this.addMember = addMember;
        this.removeMember = removeMember;
        this.changeRole = changeRole;
        this.bodies = bodies;
    }

    @Override
    public void addTo(Endpoints endpoints) {
        endpoints.post("/chats", this::create)
                .get("/chats", this::list)
                .get("/chats/{chatId}", this::one)
                .post("/chats/{chatId}/members", this::addMember)
                .delete("/chats/{chatId}/members/{userId}", this::removeMember)
                .add(Method.PATCH, "/chats/{chatId}/members/{userId}", this::changeRole);
    }

    private void create(ServerRequest req, ServerResponse res) {
        UserId caller = Caller.of(req);
        ObjectNode body = bodies.object(req);
        String title = Fields.requiredString(body, "title");
        List<String> raw = Fields.stringArray(body, "memberIds", CreateChatCommand.MAX_INITIAL_MEMBERS + 1);
        List<UserId> memberIds = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            memberIds.add(new UserId(Ids.parse("memberIds[" + i + "]", raw.get(i))));
        }
        Chat chat = createChat.create(CreateChatCommand.of(caller, title, memberIds));
        res.header(HeaderNames.LOCATION, "/chats/" + chat.id());
        Replies.json(res, 201, DomainJson.chat(chat));
    }

    private void list(ServerRequest req, ServerResponse res) {
        ObjectNode reply = Json.mapper().createObjectNode();
        var items = reply.putArray("items");
        viewChats.chatsOf(Caller.of(req)).forEach(chat -> items.add(DomainJson.chat(chat)));
        Replies.json(res, 200, reply);
    }

    private void one(ServerRequest req, ServerResponse res) {
        Replies.json(res, 200, DomainJson.chat(viewChats.chat(Caller.of(req), Params.chatId(req))));
    }

    private void addMember(ServerRequest req, ServerResponse res) {
        UserId caller = Caller.of(req);
        ChatId chatId = Params.chatId(req);
        ObjectNode body = bodies.object(req);
        UserId userId = new UserId(Ids.parse("userId", Fields.requiredString(body, "userId")));
        Role role = Fields.optionalString(body, "role").map(Role::parse).orElse(Role.MEMBER);
        Membership added = addMember.add(new AddMemberCommand(caller, chatId, userId, role));
        Replies.json(res, 201, DomainJson.membership(added));
    }

    private void changeRole(ServerRequest req, ServerResponse res) {
        UserId caller = Caller.of(req);
        ChatId chatId = Params.chatId(req);
        UserId userId = UserId.parse(Params.path(req, "userId"));
        Role role = Role.parse(Fields.requiredString(bodies.object(req), "role"));
        Replies.json(res, 200, DomainJson.membership(changeRole.changeRole(caller, chatId, userId, role)));
    }

    private void removeMember(ServerRequest req, ServerResponse res) {
        UserId caller = Caller.of(req);
        ChatId chatId = Params.chatId(req);
        UserId userId = UserId.parse(Params.path(req, "userId"));
        removeMember.remove(caller, chatId, userId);
        Replies.noContent(res);
    }
}
