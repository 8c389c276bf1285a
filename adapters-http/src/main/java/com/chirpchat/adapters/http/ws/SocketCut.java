package com.chirpchat.adapters.http.ws;

import java.lang.System.Logger.Level;

import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.websocket.WsSession;

/**
 * Cuts a connection's TCP connection for real. Helidon's {@code WsSession.close} only sends a frame, which a client
 * that stopped reading never answers: so the connection's thread is interrupted (a virtual thread blocked on a
 * socket closes it), the writer too (same effect if it is blocked in a write), and the socket is closed.
 */
final class SocketCut {
    private static final System.Logger LOG = System.getLogger(SocketCut.class.getName());

    private SocketCut() {
    }

    /** Any argument may be null: what the connection did not get to have is skipped. */
    static void cut(WsSession session, Thread reader, Outbox outbox) {
        if (session instanceof ServerConnection connection) {
            connection.close(true); // interrupts the connection's thread; blocked on the socket, it closes it
        } else if (reader != null) {
            reader.interrupt();
        }
        if (outbox != null) {
            outbox.interrupt();
        }
        if (session != null && session.socketContext() instanceof ConnectionContext context) {
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
}
