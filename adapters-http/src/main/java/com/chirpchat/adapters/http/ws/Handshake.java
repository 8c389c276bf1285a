package com.chirpchat.adapters.http.ws;

import java.lang.System.Logger.Level;
import java.util.Optional;

import com.chirpchat.adapters.http.web.BearerToken;
import com.chirpchat.application.account.AccessTokenPort;
import com.chirpchat.application.common.UseCaseException;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.websocket.WsUpgradeException;

/**
 * The checks of a WebSocket upgrade: the server is not shutting down, the {@code Origin} is allowed (Helidon 4.1
 * accepts any without configured origins), and a header token, when there is one, is valid. A refused upgrade
 * falls through to HTTP routing, where {@code GET /ws} explains the refusal as a problem.
 */
final class Handshake {
    private static final System.Logger LOG = System.getLogger(Handshake.class.getName());

    private Handshake() {
    }

    /** What the header token says; empty when the client will authenticate with its first frame. */
    static Optional<AccessTokenPort.Claims> check(SocketHub hub, Headers headers) throws WsUpgradeException {
        if (hub.isClosed()) {
            throw new WsUpgradeException("server shutting down");
        }
        if (!hub.origins().allows(headers.first(HeaderNames.ORIGIN), headers.first(HeaderNames.HOST))) {
            throw new WsUpgradeException("origin not allowed");
        }
        Optional<String> authorization = headers.first(HeaderNames.AUTHORIZATION);
        if (authorization.isEmpty()) {
            return Optional.empty();
        }
        String token = BearerToken.parse(authorization.get())
                .orElseThrow(() -> new WsUpgradeException("malformed Authorization header"));
        try {
            return Optional.of(Aside.call(() -> hub.authenticate().authenticateSession(token)));
        } catch (UseCaseException e) {
            throw new WsUpgradeException("invalid access token");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not authenticate a WebSocket upgrade", e);
            throw new WsUpgradeException("authentication unavailable", e);
        }
    }
}
