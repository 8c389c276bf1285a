package com.chirpchat.adapters.http.ws;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

import com.chirpchat.adapters.http.web.BearerToken;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.event.EventSink;
import com.chirpchat.application.event.OutboundEvent;
import com.chirpchat.application.event.Subscription;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.wire.DomainJson;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;

/**
 * One WebSocket connection: authentication (header or first frame), then the user's chat events, pings and
 * error frames, all written by the connection's {@link Outbox}.
 * <p>
 * Closing has two strengths. {@link #closeWith} queues a close frame and waits {@code close-timeout} for the
 * client's answer. {@link #drop} cuts the TCP connection: Helidon's {@code WsSession.close} only sends a frame,
 * which a client that stopped reading never answers, so the connection's thread is interrupted (a virtual thread
 * blocked on a socket closes it) and the socket closed. A connection whose queue overflows is a slow consumer:
 * its queue is replaced by a close frame (4008) and it is dropped after {@code close-timeout} unless it answers.
 */
public final class ChatSocket implements WsListener, EventSink, Outbox.Owner {
    private static final System.Logger LOG = System.getLogger(ChatSocket.class.getName());

    private enum State { NEW, AWAITING_AUTH, OPEN, CLOSING, CLOSED }

    private final SocketHub hub;
    private final WsSettings settings;
    private final String connectionId = UUID.randomUUID().toString();
    private volatile State state = State.NEW;
    private volatile UserId userId;
    private volatile WsSession session;
    private volatile Thread reader;
    private volatile Outbox outbox;
    private volatile ScheduledFuture<?> authTimer;
    private Subscription subscription; // guarded by this

    // read side: touched only by the connection's own thread
    private StringBuilder fragments;
    private long fragmentBytes;
    private long binaryBytes;
    private double tokens;
    private long refilledAt;

    ChatSocket(SocketHub hub) {
        this.hub = hub;
        this.settings = hub.settings();
        this.tokens = settings.frameBurst();
        this.refilledAt = System.nanoTime();
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        // a refused upgrade falls through to HTTP routing, where GET /ws explains the refusal as a problem
        if (hub.isClosed()) {
            throw new WsUpgradeException("server shutting down");
        }
        if (!hub.origins().allows(headers.first(HeaderNames.ORIGIN), headers.first(HeaderNames.HOST))) {
            throw new WsUpgradeException("origin not allowed");
        }
        Optional<String> authorization = headers.first(HeaderNames.AUTHORIZATION);
        if (authorization.isPresent()) {
            String token = BearerToken.parse(authorization.get())
                    .orElseThrow(() -> new WsUpgradeException("malformed Authorization header"));
            try {
                userId = hub.authenticate().authenticate(token);
            } catch (UseCaseException e) {
                throw new WsUpgradeException("invalid access token");
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not authenticate a WebSocket upgrade", e);
                throw new WsUpgradeException("authentication unavailable", e);
            }
        }
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        this.session = session;
        this.reader = Thread.currentThread();
        Outbox box = new Outbox(session, this, settings.queueSize(), "chirpchat-ws-writer");
        this.outbox = box;
        box.start();
        hub.opened(this);
        if (hub.isClosed()) {
            closeWith(CloseCodes.GOING_AWAY, "server shutting down");
            return;
        }
        if (userId != null) {
            becomeOpen();
            return;
        }
        synchronized (this) {
            if (state != State.NEW) {
                return; // closed meanwhile (server shutdown)
            }
            state = State.AWAITING_AUTH;
        }
        authTimer = hub.schedule(settings.authTimeout(), () -> {
            if (state == State.AWAITING_AUTH) {
                closeWith(CloseCodes.UNAUTHENTICATED, "authentication timeout");
            }
        });
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        if (!acceptFrame()) {
            return;
        }
        long size = fragmentBytes + ClientFrame.utf8Length(text);
        if (size > settings.maxMessageBytes()) {
            fragments = null;
            fragmentBytes = 0;
            closeWith(CloseCodes.TOO_BIG, "message too big");
            return;
        }
        if (!last) {
            if (fragments == null) {
                fragments = new StringBuilder();
            }
            fragments.append(text);
            fragmentBytes = size;
            return;
        }
        String message = fragments == null ? text : fragments.append(text).toString();
        fragments = null;
        fragmentBytes = 0;
        handle(message);
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        if (!acceptFrame()) {
            return;
        }
        binaryBytes += buffer.available();
        if (binaryBytes > settings.maxMessageBytes()) {
            binaryBytes = 0;
            closeWith(CloseCodes.TOO_BIG, "message too big");
            return;
        }
        if (last) {
            binaryBytes = 0;
            if (state == State.AWAITING_AUTH) {
                closeWith(CloseCodes.UNAUTHENTICATED, "first frame must be an auth frame");
            } else {
                send(ClientFrame.error("unsupported_frame", "binary frames are not supported; send JSON text frames"));
            }
        }
    }

    @Override
    public void onPing(WsSession session, BufferData buffer) {
        if (acceptFrame()) {
            byte[] payload = new byte[buffer.available()];
            buffer.read(payload);
            Outbox box = outbox;
            if (!box.offerPong(payload)) {
                overflow();
            }
        }
    }

    @Override
    public void onPong(WsSession session, BufferData buffer) {
        acceptFrame();
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        // the client closes (or answers our close): stop writing before Helidon writes its answer on this thread
        finish();
        Outbox box = outbox;
        try {
            if (box != null && !box.stop(settings.closeTimeout().toMillis())) {
                cut();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cut();
        }
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        LOG.log(Level.DEBUG, "WebSocket error", t);
        drop("error");
    }

    @Override
    public UserId userId() {
        return userId;
    }

    /** Never blocks: a connection that cannot take the event now is a slow consumer and is let go. */
    @Override
    public void deliver(OutboundEvent event) {
        if (state != State.OPEN) {
            return;
        }
        if (!outbox.offer(event.render(DomainJson::eventText))) {
            overflow();
        }
    }

    @Override
    public void closeFrameSent() {
        hub.schedule(settings.closeTimeout(), () -> drop("no answer to close"));
    }

    @Override
    public void writeFailed(RuntimeException e) {
        LOG.log(Level.DEBUG, "WebSocket write failed", e);
        drop("write failed");
    }

    /** Queues a close frame; the socket is cut if the frame cannot be queued or is not answered in time. */
    void closeWith(int code, String reason) {
        synchronized (this) {
            if (state == State.CLOSING || state == State.CLOSED) {
                return;
            }
            state = State.CLOSING;
        }
        cancelAuthTimer();
        releaseSubscription();
        Outbox box = outbox;
        if (box == null || !box.offerClose(code, reason)) {
            drop(reason);
        }
    }

    /** Cuts the TCP connection and forgets it; the only way to get rid of a client that does not read. */
    void drop(String why) {
        if (finish()) {
            LOG.log(Level.DEBUG, () -> "dropping WebSocket " + connectionId + ": " + why);
            cut();
        }
    }

    /** Housekeeping, from the hub's sweep: forget ended connections, drop those stuck in a write. */
    void check(long now, long writeTimeoutNanos) {
        Thread thread = reader;
        if (thread != null && !thread.isAlive()) {
            Outbox box = outbox;
            if (finish() && box != null) {
                box.interrupt(); // the socket is gone: stop the writer parked on its queue
            }
            return;
        }
        Outbox writing = outbox;
        if (writing != null && writing.writingFor(now) > writeTimeoutNanos) {
            Thread.ofVirtual().start(() -> drop("write timeout"));
        }
    }

    private void becomeOpen() {
        synchronized (this) {
            if (state == State.CLOSING || state == State.CLOSED) {
                return;
            }
            state = State.OPEN;
        }
        cancelAuthTimer();
        send(ClientFrame.hello(userId.toString(), connectionId)); // queued before any event: hello comes first
        Subscription fresh;
        try {
            fresh = hub.subscriptions().subscribe(this);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not subscribe a WebSocket to its chats", e);
            closeWith(CloseCodes.UNEXPECTED_CONDITION, "try again later");
            return;
        }
        synchronized (this) {
            if (state == State.OPEN) {
                subscription = fresh;
                return;
            }
        }
        fresh.close(); // closed while subscribing
    }

    private void handle(String message) {
        Optional<ClientFrame> frame = ClientFrame.parse(message);
        if (state == State.AWAITING_AUTH) {
            authenticate(frame.flatMap(ClientFrame::authToken));
            return;
        }
        if (state != State.OPEN) {
            return;
        }
        if (frame.isEmpty()) {
            send(ClientFrame.error("bad_frame", "a frame must be a JSON object with a string \"type\""));
            return;
        }
        switch (frame.get().type()) {
            case "ping" -> send(ClientFrame.pong());
            case "auth" -> send(ClientFrame.error("already_authenticated", "this connection is already authenticated"));
            default -> send(ClientFrame.error("unknown_type", "unknown frame type; clients may send: ping"));
        }
    }

    private void authenticate(Optional<String> token) {
        if (token.isEmpty() || token.get().length() > BearerToken.MAX_LENGTH) {
            closeWith(CloseCodes.UNAUTHENTICATED, "first frame must be {\"type\":\"auth\",\"token\":...}");
            return;
        }
        try {
            userId = hub.authenticate().authenticate(token.get());
        } catch (UseCaseException e) {
            closeWith(CloseCodes.UNAUTHENTICATED, "invalid access token");
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not authenticate a WebSocket", e);
            closeWith(CloseCodes.UNEXPECTED_CONDITION, "try again later");
            return;
        }
        becomeOpen();
    }

    /** Counts a client frame against the rate limit; false when the frame must be ignored. */
    private boolean acceptFrame() {
        State current = state;
        if (current == State.NEW || current == State.CLOSING || current == State.CLOSED) {
            return false;
        }
        long now = System.nanoTime();
        tokens = Math.min(settings.frameBurst(), tokens + (now - refilledAt) * settings.maxFramesPerSecond() / 1e9);
        refilledAt = now;
        if (tokens < 1) {
            closeWith(CloseCodes.POLICY_VIOLATION, "too many frames");
            return false;
        }
        tokens -= 1;
        return true;
    }

    private void send(String text) {
        if (!outbox.offer(text)) {
            overflow();
        }
    }

    /** The queue is full: replace it with a close frame and cut the socket unless the client answers in time. */
    private void overflow() {
        synchronized (this) {
            if (state == State.CLOSING || state == State.CLOSED) {
                return;
            }
            state = State.CLOSING;
        }
        outbox.replaceWithClose(CloseCodes.SLOW_CONSUMER, "slow consumer");
        // we may be inside the router's delivery, which holds its locks: unsubscribe elsewhere
        Thread.ofVirtual().start(this::releaseSubscription);
        hub.schedule(settings.closeTimeout(), () -> drop("slow consumer"));
    }

    /** Marks the connection closed and releases what it holds; false when it already was. */
    private boolean finish() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return false;
            }
            state = State.CLOSED;
        }
        cancelAuthTimer();
        releaseSubscription();
        hub.ended(this);
        return true;
    }

    private void cut() {
        WsSession current = session;
        Thread thread = reader;
        if (current instanceof ServerConnection connection) {
            connection.close(true); // interrupts the connection's thread; blocked on the socket, it closes it
        } else if (thread != null) {
            thread.interrupt();
        }
        Outbox box = outbox;
        if (box != null) {
            box.interrupt();
        }
        if (current != null && current.socketContext() instanceof ConnectionContext context) {
            // close the socket too, on a thread of its own: a TLS close may want to write
            Thread.ofVirtual().start(() -> {
                try {
                    context.serverSocket().close();
                } catch (RuntimeException e) {
                    LOG.log(Level.TRACE, "closing a dropped socket failed", e);
                }
            });
        }
    }

    private void releaseSubscription() {
        Subscription held;
        synchronized (this) {
            held = subscription;
            subscription = null;
        }
        if (held != null) {
            try {
                held.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not unsubscribe a WebSocket", e);
            }
        }
    }

    private void cancelAuthTimer() {
        ScheduledFuture<?> timer = authTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
