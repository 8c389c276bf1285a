package com.chirpchat.adapters.http.ws;

import com.chirpchat.adapters.http.problem.Problem;
import com.chirpchat.adapters.http.problem.ProblemException;
import com.chirpchat.adapters.http.problem.Problems;
import com.chirpchat.adapters.http.web.BearerToken;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /ws} as plain HTTP. A WebSocket upgrade that {@link ChatSocket#onHttpUpgrade} refused lands here
 * (Helidon then routes the request like any other), so the client learns why as a problem: 403 for an Origin
 * that is not allowed (answered by the API filter already), 401 for a bad token, 400 for a broken handshake,
 * and 426 for a request that did not ask for an upgrade at all.
 */
public final class WsHttpFallback implements Handler {
    private final SocketHub hub;

    public WsHttpFallback(SocketHub hub) {
        this.hub = hub;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        if (hub.isClosed()) {
            throw new ProblemException(Problem.of(503, "unavailable", "the server is shutting down"));
        }
        var authorization = req.headers().first(HeaderNames.AUTHORIZATION);
        if (authorization.isPresent()) {
            String token = BearerToken.parse(authorization.get()).orElseThrow(() -> new ProblemException(
                    Problems.unauthenticated("the Authorization header must be 'Bearer <accessToken>'")));
            hub.authenticate().authenticate(token); // throws the 401 for an invalid token
        }
        boolean upgrade = req.headers().first(HeaderNames.UPGRADE).map(value -> value.equalsIgnoreCase("websocket"))
                .orElse(false);
        if (upgrade) {
            throw ProblemException.badRequest("invalid WebSocket handshake: Upgrade: websocket, Connection: Upgrade, "
                                                      + "Sec-WebSocket-Key and Sec-WebSocket-Version: 13 are required");
        }
        throw new ProblemException(Problem.of(426, Problems.UPGRADE_REQUIRED, "/ws is a WebSocket endpoint")
                                           .withHeader("Upgrade", "websocket"));
    }
}
