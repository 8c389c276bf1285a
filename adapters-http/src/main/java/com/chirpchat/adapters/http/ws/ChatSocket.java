package com.chirpchat.adapters.http.ws;

import java.lang.System.Logger.Level;
import java.util.Optional;

import com.chirpchat.adapters.http.web.BearerToken;
import com.chirpchat.application.account.AccessTokenPort;
import com.chirpchat.application.common.UseCaseException;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;

/**
 * Helidon's listener of one WebSocket connection: what the client sends. The upgrade is checked by
 * {@link Handshake}; every frame counts against the {@link FloodLimit}; fragments are put together, and the size
 * cap enforced, by the {@link FrameAssembler}; whole messages are the auth frame or requests answered on the
 * {@link Connection}, which holds the connection's state and everything it sends. Helidon calls all of this on
 * the connection's one thread.
 */
public final class ChatSocket implements WsListener {
    private static final System.Logger LOG = System.getLogger(ChatSocket.class.getName());

    private final SocketHub hub;
    private final Connection connection;
    private final FrameAssembler frames;
    private final FloodLimit flood;
    private volatile Optional<AccessTokenPort.Claims> headerClaims = Optional.empty();

    ChatSocket(SocketHub hub) {
        WsSettings settings = hub.settings();
        this.hub = hub;
        this.connection = new Connection(hub);
        this.frames = new FrameAssembler(settings.maxMessageBytes());
        this.flood = new FloodLimit(settings.maxFramesPerSecond(), settings.frameBurst(), System::nanoTime);
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        headerClaims = Handshake.check(hub, headers);
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        Optional<AccessTokenPort.Claims> claims = headerClaims;
        headerClaims = Optional.empty(); // the connection keeps the claims it lives on
        connection.opened(session, claims);
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        if (acceptFrame()) {
            switch (frames.text(text, last)) {
                case FrameAssembler.Text whole -> handle(whole.text());
                case FrameAssembler.TooBig tooBig -> connection.closeWith(CloseCodes.TOO_BIG, "message too big");
                default -> { } // more fragments follow
            }
        }
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        if (acceptFrame()) {
            switch (frames.binary(buffer.available(), last)) {
                case FrameAssembler.TooBig tooBig -> connection.closeWith(CloseCodes.TOO_BIG, "message too big");
                case FrameAssembler.Binary whole when connection.awaitingAuth() ->
                        connection.closeWith(CloseCodes.UNAUTHENTICATED, "first frame must be an auth frame");
                case FrameAssembler.Binary whole ->
                        connection.send(ClientFrame.error("unsupported_frame", "binary frames are not supported; send JSON text frames"));
                default -> { } // more fragments follow
            }
        }
    }

    @Override
    public void onPing(WsSession session, BufferData buffer) {
        if (acceptFrame()) {
            byte[] payload = new byte[buffer.available()];
            buffer.read(payload);
            connection.sendPong(payload);
        }
    }

    @Override
    public void onPong(WsSession session, BufferData buffer) {
        acceptFrame();
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        connection.clientClosed();
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        LOG.log(Level.DEBUG, "WebSocket error", t);
        connection.drop("error");
    }

    private void handle(String message) {
        Optional<ClientFrame> frame = ClientFrame.parse(message);
        if (connection.awaitingAuth()) {
            authenticate(frame.flatMap(ClientFrame::authToken));
        } else if (connection.isOpen() && frame.isPresent() && frame.get().isAuth()) {
            reauthenticate(frame.get().authToken());
        } else if (connection.isOpen()) {
            connection.send(frame.map(ClientFrame::answer).orElseGet(ClientFrame::badFrame));
        }
    }

    private void authenticate(Optional<String> token) {
        if (token.isEmpty() || token.get().length() > BearerToken.MAX_LENGTH) {
            connection.closeWith(CloseCodes.UNAUTHENTICATED, "first frame must be {\"type\":\"auth\",\"token\":...}");
            return;
        }
        AccessTokenPort.Claims claims;
        try {
            claims = Aside.call(() -> hub.authenticate().authenticateSession(token.get()));
        } catch (UseCaseException e) {
            connection.closeWith(CloseCodes.UNAUTHENTICATED, "invalid access token");
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not authenticate a WebSocket", e);
            connection.closeWith(CloseCodes.UNEXPECTED_CONDITION, "try again later");
            return;
        }
        connection.authenticated(claims);
    }

    /**
     * An auth frame on an open connection: a fresher token of the same user, so the socket may outlive the token
     * it was opened with. A bad token is answered with an error and changes nothing (the old one still runs out).
     */
    private void reauthenticate(Optional<String> token) {
        if (token.isEmpty() || token.get().length() > BearerToken.MAX_LENGTH) {
            connection.send(ClientFrame.error("invalid_token", "an auth frame is {\"type\":\"auth\",\"token\":...}"));
            return;
        }
        AccessTokenPort.Claims claims;
        try {
            claims = Aside.call(() -> hub.authenticate().authenticateSession(token.get()));
        } catch (UseCaseException e) {
            connection.send(ClientFrame.error("invalid_token", "the token is invalid, expired or of an ended session"));
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not re-authenticate a WebSocket", e);
            connection.send(ClientFrame.error("unavailable", "try again later"));
            return;
        }
        connection.reauthenticated(claims);
    }

    /** Counts a client frame against the flood limit; false when the frame must be ignored. */
    private boolean acceptFrame() {
        if (!connection.readsFrames()) {
            return false;
        }
        if (!flood.allowsAnother()) {
            connection.closeWith(CloseCodes.POLICY_VIOLATION, "too many frames");
            return false;
        }
        return true;
    }
}
