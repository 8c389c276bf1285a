package com.chirpchat.adapters.http.account;

import com.chirpchat.adapters.http.problem.ProblemException;
import com.chirpchat.adapters.http.problem.Problems;
import com.chirpchat.adapters.http.web.BearerToken;
import com.chirpchat.adapters.http.web.Endpoints;
import com.chirpchat.adapters.http.web.Fields;
import com.chirpchat.adapters.http.web.JsonBodies;
import com.chirpchat.adapters.http.web.Replies;
import com.chirpchat.adapters.http.web.RouteGroup;
import com.chirpchat.application.account.AccessTokenPort;
import com.chirpchat.application.account.AuthenticateUseCase;
import com.chirpchat.application.account.LogOutUseCase;
import com.chirpchat.application.account.RefreshSessionUseCase;
import com.chirpchat.application.account.SessionTokens;
import com.chirpchat.wire.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /auth/refresh}, {@code /auth/logout}, {@code /auth/logout-all}. They are under {@code /auth/}, which
 * the filter leaves public (refresh works without an access token), so logout checks its bearer token itself.
 */
public final class SessionRoutes implements RouteGroup {
    private final RefreshSessionUseCase refresh;
    private final LogOutUseCase logOut;
    private final AuthenticateUseCase authenticate;
    private final JsonBodies bodies;

    public SessionRoutes(RefreshSessionUseCase refresh, LogOutUseCase logOut, AuthenticateUseCase authenticate,
                         JsonBodies bodies) {
        this.refresh = refresh;
        this.logOut = logOut;
        this.authenticate = authenticate;
        this.bodies = bodies;
    }

    @Override
    public void addTo(Endpoints endpoints) {
        endpoints.post("/auth/refresh", this::refresh)
                .post("/auth/logout", this::logOut)
                .post("/auth/logout-all", this::logOutAll);
    }

    private void refresh(ServerRequest req, ServerResponse res) {
        ObjectNode body = bodies.object(req);
        tokens(res, refresh.refresh(Fields.requiredString(body, "refreshToken")));
    }

    private void logOut(ServerRequest req, ServerResponse res) {
        logOut.logOut(caller(req));
        Replies.noContent(res);
    }

    private void logOutAll(ServerRequest req, ServerResponse res) {
        logOut.logOutEverywhere(caller(req).user());
        Replies.noContent(res);
    }

    private AccessTokenPort.Claims caller(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION)
                .orElseThrow(() -> new ProblemException(Problems.unauthenticated("an access token is required")));
        String token = BearerToken.parse(header)
                .orElseThrow(() -> new ProblemException(
                        Problems.unauthenticated("the Authorization header must be 'Bearer <accessToken>'")));
        return authenticate.authenticateSession(token);
    }

    /** The answer to a login or a refresh: both tokens, never cached on the way (RFC 6749 section 5.1). */
    static void tokens(ServerResponse res, SessionTokens tokens) {
        ObjectNode reply = Json.mapper().createObjectNode();
        reply.put("accessToken", tokens.access().token());
        reply.put("tokenType", "Bearer");
        reply.put("expiresIn", tokens.access().expiresIn().toSeconds());
        reply.put("refreshToken", tokens.refreshToken());
        reply.put("refreshExpiresIn", tokens.refreshExpiresIn().toSeconds());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.PRAGMA, "no-cache");
        Replies.json(res, 200, reply);
    }
}
