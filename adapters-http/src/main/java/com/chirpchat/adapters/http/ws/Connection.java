package com.chirpchat.adapters.http.ws;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

import com.chirpchat.application.account.AccessTokenPort;
import com.chirpchat.application.account.AuthenticateUseCase;
import com.chirpchat.application.event.EventSink;
import com.chirpchat.application.event.OutboundEvent;
import com.chirpchat.application.event.Subscription;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.wire.EventFrame;

import io.helidon.websocket.WsSession;

/**
 * One WebSocket connection's state machine: {@code NEW} → ({@code AWAITING_AUTH} →) {@code OPEN} → {@code CLOSING}
 * → {@code CLOSED}. Open, it is subscribed to the user's chats; their events, the answers to the client and the
 * close frame go through its {@link Outbox}, the connection's only writer. {@link #closeWith} queues a close frame
 * and waits {@code close-timeout} for the answer; {@link #drop} cuts the TCP connection ({@link SocketCut}); a full
 * queue is the slow-consumer cut (close frame 4008 instead of the queue, dropped after {@code close-timeout}).
 * {@code hello} is queued once the subscription is in place ({@link Greeting}), so it comes first and whatever is
 * committed after the client saw it reaches the client; subscribing happens on the thread that reads the client's
 * frames, so the answer to any later client frame comes after it too.
 */
final class Connection implements EventSink, Outbox.Owner {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    private enum State { NEW, AWAITING_AUTH, OPEN, CLOSING, CLOSED }

    private final SocketHub hub;
    private final WsSettings settings;
    private final UUID connectionId = UUID.randomUUID();
    private volatile State state = State.NEW;
    private volatile UserId userId;
    /** The token the connection lives on: it closes when that expires or its session ends (replaced by re-auth). */
    private volatile AccessTokenPort.Claims claims;
    private volatile WsSession session;
    private volatile Thread reader;
    private volatile Outbox outbox;
    private volatile ScheduledFuture<?> authTimer;
    private final HeldSubscription subscription = new HeldSubscription();
    private final Greeting<Object> greeting;

    Connection(SocketHub hub) {
        this.hub = hub;
        this.settings = hub.settings();
        this.greeting = new Greeting<>(settings.queueSize());
    }

    /** The upgrade went through, on the connection's thread: open at once, or wait for the auth frame. */
    void opened(WsSession session, Optional<AccessTokenPort.Claims> headerClaims) {
        this.session = session;
        this.reader = Thread.currentThread();
        Outbox box = new Outbox(session, this, settings.queueSize());
        this.outbox = box;
        box.start();
        hub.opened(this);
        if (hub.isClosed()) {
            closeWith(CloseCodes.GOING_AWAY, "server shutting down");
        } else if (headerClaims.isPresent()) {
            authenticated(headerClaims.get());
        } else if (startAwaitingAuth()) {
            authTimer = hub.schedule(settings.authTimeout(), () -> {
                if (state == State.AWAITING_AUTH) {
                    closeWith(CloseCodes.UNAUTHENTICATED, "authentication timeout");
                }
            });
        }
    }

    /** The user is known: subscribe to their chats, then say hello. */
    void authenticated(AccessTokenPort.Claims accepted) {
        UserId user = accepted.user();
        synchronized (this) {
            if (state == State.CLOSING || state == State.CLOSED) {
                return;
            }
            userId = user;
            claims = accepted;
            state = State.OPEN;
        }
        cancelAuthTimer();
        Subscription fresh;
        try {
            fresh = Aside.call(() -> hub.subscriptions().subscribe(this)); // not on the long-lived thread: see Aside
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not subscribe a WebSocket to its chats", e);
            closeWith(CloseCodes.UNEXPECTED_CONDITION, "try again later");
            return;
        }
        synchronized (this) {
            if (state == State.OPEN) {
                subscription.hold(fresh);
                fresh = null;
            }
        }
        if (fresh != null) {
            fresh.close(); // closed while subscribing
        } else if (!greeting.greet(ClientFrame.hello(user.toString(), connectionId.toString()), outbox::offer)) {
            overflow();
        }
    }

    /** A fresher token on an open connection: accepted for the same user only. */
    void reauthenticated(AccessTokenPort.Claims fresh) {
        if (!fresh.user().equals(userId)) {
            send(ClientFrame.error("wrong_user", "a connection re-authenticates with a token of its own user only"));
            return;
        }
        AccessTokenPort.Claims current = claims;
        if (current == null || !fresh.expiresAt().isBefore(current.expiresAt())) {
            claims = fresh;
        }
        send(ClientFrame.reauthenticated(claims.expiresAt()));
    }

    /** From the hub's sweep: an open connection whose token expired or whose session ended is closed (4401). */
    void checkStanding(AuthenticateUseCase authenticate) {
        AccessTokenPort.Claims current = claims;
        if (state != State.OPEN || current == null) {
            return;
        }
        switch (authenticate.standing(current)) {
            case EXPIRED -> closeWith(CloseCodes.UNAUTHENTICATED, "token expired");
            case SESSION_ENDED -> closeWith(CloseCodes.UNAUTHENTICATED, "session ended");
            case VALID -> { }
        }
    }

    boolean awaitingAuth() {
        return state == State.AWAITING_AUTH;
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    /** Whether client frames count: not before the upgrade is done, not once closing. */
    boolean readsFrames() {
        State current = state;
        return current == State.AWAITING_AUTH || current == State.OPEN;
    }

    /** Queues a frame for the client; a full queue is the slow-consumer cut. */
    void send(String text) {
        if (!outbox.offer(text)) {
            overflow();
        }
    }

    /** Queues the answer to a protocol-level ping. */
    void sendPong(byte[] payload) {
        if (!outbox.offerPong(payload)) {
            overflow();
        }
    }

    @Override
    public UserId userId() {
        return userId;
    }

    /** Never blocks: a connection that cannot take the event now is a slow consumer and is let go. */
    @Override
    public void deliver(OutboundEvent event) {
        // the frame's bytes are rendered once per event and shared by every connection that gets it
        if (state == State.OPEN && !greeting.offer(event.render(EventFrame::of), outbox::offer)) {
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
        if (!startClosing()) {
            return;
        }
        cancelAuthTimer();
        subscription.release();
        Outbox box = outbox;
        if (box == null || !box.offerClose(code, reason)) {
            drop(reason);
        }
    }

    /** The client closed (or answered our close): stop writing before Helidon writes its answer on this thread. */
    void clientClosed() {
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
        Outbox box = outbox;
        if (thread != null && !thread.isAlive()) {
            if (finish() && box != null) {
                box.interrupt(); // the socket is gone: stop the writer parked on its queue
            }
        } else if (box != null && box.writingFor(now) > writeTimeoutNanos) {
            Thread.ofVirtual().start(() -> drop("write timeout"));
        }
    }

    /** The slow-consumer cut. */
    private void overflow() {
        if (!startClosing()) {
            return;
        }
        outbox.replaceWithClose(CloseCodes.SLOW_CONSUMER, "slow consumer");
        // we may be inside the router's delivery, which holds its locks: unsubscribe elsewhere
        Thread.ofVirtual().start(subscription::release);
        hub.schedule(settings.closeTimeout(), () -> drop("slow consumer"));
    }

    private synchronized boolean startAwaitingAuth() {
        if (state != State.NEW) {
            return false; // closed meanwhile (server shutdown)
        }
        state = State.AWAITING_AUTH;
        return true;
    }

    /** To CLOSING; false when closing had begun already. */
    private synchronized boolean startClosing() {
        if (state == State.CLOSING || state == State.CLOSED) {
            return false;
        }
        state = State.CLOSING;
        return true;
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
        subscription.release();
        hub.ended(this);
        return true;
    }

    private void cut() {
        SocketCut.cut(session, reader, outbox);
    }

    private void cancelAuthTimer() {
        ScheduledFuture<?> timer = authTimer;
        if (timer != null) {
            timer.cancel(false);
            authTimer = null; // a cancelled task still holds its lambda and this connection's closing code
        }
    }
}
