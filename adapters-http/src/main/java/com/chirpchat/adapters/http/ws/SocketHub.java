package com.chirpchat.adapters.http.ws;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.chirpchat.adapters.http.web.OriginPolicy;
import com.chirpchat.application.account.AuthenticateUseCase;
import com.chirpchat.application.event.SubscribeToChatEventsUseCase;

/**
 * What all WebSocket connections share: settings, the use cases, the set of live connections and one small
 * timer thread. The timer runs auth timeouts and close deadlines, and once a second a sweep that closes
 * connections whose token expired or whose session ended (4401), drops connections stuck in a write and forgets
 * connections whose socket ended without telling us (Helidon 4.1 does
 * not call {@code onClose} when the peer vanishes or the server's idle timeout fires).
 */
public final class SocketHub implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SocketHub.class.getName());
    private static final long SWEEP_MILLIS = 1000;

    private final WsSettings settings;
    private final OriginPolicy origins;
    private final AuthenticateUseCase authenticate;
    private final SubscribeToChatEventsUseCase subscriptions;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timer;
    private volatile boolean closed;

    public SocketHub(WsSettings settings, OriginPolicy origins, AuthenticateUseCase authenticate,
                     SubscribeToChatEventsUseCase subscriptions) {
        this.settings = settings;
        this.origins = origins;
        this.authenticate = authenticate;
        this.subscriptions = subscriptions;
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "chirpchat-ws-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A listener for one new connection (Helidon asks for one per upgrade). */
    public ChatSocket newSocket() {
        return new ChatSocket(this);
    }

    public int connections() {
        return connections.size();
    }

    WsSettings settings() {
        return settings;
    }

    OriginPolicy origins() {
        return origins;
    }

    AuthenticateUseCase authenticate() {
        return authenticate;
    }

    SubscribeToChatEventsUseCase subscriptions() {
        return subscriptions;
    }

    boolean isClosed() {
        return closed;
    }

    void opened(Connection connection) {
        connections.add(connection);
    }

    void ended(Connection connection) {
        connections.remove(connection);
    }

    /** Runs the task later on the timer; null once the hub is closed (every socket has been dropped then). */
    ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        try {
            return timer.schedule(() -> runSafely(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Closes every connection (1001) and stops the timer; sockets that do not answer in time are dropped. */
    @Override
    public void close() {
        closed = true;
        connections.forEach(connection -> connection.closeWith(CloseCodes.GOING_AWAY, "server shutting down"));
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.forEach(connection -> connection.drop("server shutting down"));
        timer.shutdownNow();
    }

    private void sweep() {
        long now = System.nanoTime();
        long writeTimeout = settings.writeTimeout().toNanos();
        for (Connection connection : connections) {
            runSafely(() -> connection.check(now, writeTimeout));
            runSafely(() -> connection.checkStanding(authenticate));
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "WebSocket housekeeping failed", e);
        }
    }
}
