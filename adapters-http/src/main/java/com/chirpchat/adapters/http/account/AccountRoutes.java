package com.chirpchat.adapters.http.account;

import java.util.List;

import com.chirpchat.adapters.http.web.Caller;
import com.chirpchat.adapters.http.web.ClientAddresses;
import com.chirpchat.adapters.http.web.Endpoints;
import com.chirpchat.adapters.http.web.Fields;
import com.chirpchat.adapters.http.web.JsonBodies;
import com.chirpchat.adapters.http.web.Params;
import com.chirpchat.adapters.http.web.Replies;
import com.chirpchat.adapters.http.web.RouteGroup;
import com.chirpchat.application.account.LogInCommand;
import com.chirpchat.application.account.LogInUseCase;
import com.chirpchat.application.account.RegisterUserCommand;
import com.chirpchat.application.account.RegisterUserUseCase;
import com.chirpchat.application.account.ViewUsersUseCase;
import com.chirpchat.domain.user.User;
import com.chirpchat.wire.DomainJson;
import com.chirpchat.wire.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /auth/register}, {@code /auth/login}, {@code /users/me}, {@code /users?username=}. */
public final class AccountRoutes implements RouteGroup {
    private final RegisterUserUseCase register;
    private final LogInUseCase logIn;
    private final ViewUsersUseCase users;
    private final JsonBodies bodies;
    private final ClientAddresses clientAddresses;

    public AccountRoutes(RegisterUserUseCase register, LogInUseCase logIn, ViewUsersUseCase users, JsonBodies bodies,
                         ClientAddresses clientAddresses) {
        this.register = register;
        this.logIn = logIn;
        this.users = users;
        this.bodies = bodies;
        this.clientAddresses = clientAddresses;
    }

    @Override
    public void addTo(Endpoints endpoints) {
        endpoints.post("/auth/register", this::register)
                .post("/auth/login", this::logIn)
                .get("/users/me", this::me)
                .get("/users", this::byUsername);
    }

    private void register(ServerRequest req, ServerResponse res) {
        ObjectNode body = bodies.object(req);
        RegisterUserCommand command = RegisterUserCommand.of(Fields.requiredString(body, "username"),
                                                             Fields.requiredString(body, "password"),
                                                             Fields.optionalString(body, "displayName").orElse(null),
                                                             clientAddresses.of(req));
        Replies.json(res, 201, DomainJson.user(register.register(command)));
    }

    private void logIn(ServerRequest req, ServerResponse res) {
        ObjectNode body = bodies.object(req);
        SessionRoutes.tokens(res, logIn.logIn(new LogInCommand(Fields.requiredString(body, "username"),
                                                               Fields.requiredString(body, "password"),
                                                               clientAddresses.of(req))));
    }

    private void me(ServerRequest req, ServerResponse res) {
        Replies.json(res, 200, DomainJson.user(users.me(Caller.of(req))));
    }

    private void byUsername(ServerRequest req, ServerResponse res) {
        List<User> found = users.byUsername(Params.query(req, "username").orElse(null));
        ObjectNode reply = Json.mapper().createObjectNode();
        ArrayNode items = reply.putArray("items");
        found.forEach(user -> items.add(DomainJson.user(user)));
        Replies.json(res, 200, reply);
    }
}
