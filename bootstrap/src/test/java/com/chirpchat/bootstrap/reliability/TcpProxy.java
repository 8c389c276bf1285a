package com.chirpchat.bootstrap.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on the loopback interface, owned by a test, between one instance and PostgreSQL or Redis: {@link #cut()}
 * breaks every connection through it (as a network cut or a server restart would), {@link #freeze()} lets nothing
 * through in either direction while keeping the connections open (as the server sees an instance that was stopped
 * with SIGSTOP; with a cut, a partition: new connections open but go nowhere), {@link #thaw()} lets it all flow again.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private boolean frozen; // guarded by gate
    private volatile boolean closed;
    private final AtomicLong sent = new AtomicLong();

    private TcpProxy(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    /** A proxy to {@code 127.0.0.1:targetPort} on a free loopback port. */
    public static TcpProxy start(int targetPort) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            TcpProxy proxy = new TcpProxy(listener, targetPort);
            Thread.ofVirtual().name("tcp-proxy-accept").start(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on loopback", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Closes every connection through the proxy now; new ones are accepted as before. */
    public void cut() {
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    /** From now on nothing passes in either direction; the connections stay open. */
    public void freeze() {
        synchronized (gate) {
            frozen = true;
        }
    }

    public void thaw() {
        synchronized (gate) {
            frozen = false;
            gate.notifyAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        thaw();
        closeQuietly(listener);
        cut();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            try {
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().name("tcp-proxy-up").start(() -> pump(client, server, sent));
                Thread.ofVirtual().name("tcp-proxy-down").start(() -> pump(server, client, new AtomicLong()));
            } catch (IOException e) {
                closeQuietly(client); // the target is down: so is the way through
            }
        }
    }

    /** Bytes clients have sent into the proxy so far, passed on or held by a freeze. */
    public long sent() {
        return sent.get();
    }

    private void pump(Socket from, Socket to, AtomicLong counted) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                counted.addAndGet(read);
                awaitThawed();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // cut, or the other side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void awaitThawed() throws InterruptedException {
        synchronized (gate) {
            while (frozen && !closed) {
                gate.wait();
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
