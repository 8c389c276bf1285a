package com.chirpchat.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lean WebSocket clients ({@code --clients=nio}): the same RFC 6455 handshake with the Authorization header as the
 * JDK client, then one selector thread reads every connection, parses frames in place and hands the raw payload
 * bytes to the {@link StepMeter} (the marker is ASCII, so nothing is decoded). It costs the harness a fraction of
 * what {@code java.net.http.WebSocket} costs per frame, so the servers, not the clients, become the limit.
 */
final class NioFleet implements ClientFleet {
    private final String name;
    private final List<Spec> specs;
    private final Conn[] conns;
    private final Selector selector;
    private final ConcurrentLinkedQueue<Conn> toRegister = new ConcurrentLinkedQueue<>();
    private final Thread reader;
    private final java.util.concurrent.ScheduledExecutorService pinger;
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final AtomicInteger reconnects = new AtomicInteger();
    private volatile StepMeter meter;
    private volatile long lastFrameNanos = System.nanoTime();
    private volatile int lastTextLength;
    private volatile boolean closed;

    NioFleet(String name, List<Spec> specs) {
        this.name = name;
        this.specs = specs;
        this.conns = new Conn[specs.size()];
        for (int i = 0; i < conns.length; i++) {
            conns[i] = new Conn(i);
        }
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.reader = Thread.ofPlatform().daemon().name("nio-ws-reader-" + name).start(this::readLoop);
        this.pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nio-ws-pinger-" + name);
            t.setDaemon(true);
            return t;
        });
        pinger.scheduleWithFixedDelay(this::pingAll, 50, 50, TimeUnit.SECONDS);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return conns.length;
    }

    @Override
    public void meter(StepMeter m) {
        meter = m;
    }

    @Override
    public long lastFrameNanos() {
        return lastFrameNanos;
    }

    @Override
    public int lastTextLength() {
        return lastTextLength;
    }

    @Override
    public int closedByServer() {
        return closedByServer.get();
    }

    @Override
    public int reconnects() {
        return reconnects.get();
    }

    @Override
    public boolean isOpen(int i) {
        return conns[i].open;
    }

    @Override
    public int connectMissing(int parallel, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore permits = new Semaphore(parallel);
        List<Future<Boolean>> started = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Conn c : conns) {
                if (c.open) {
                    continue;
                }
                if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break;
                }
                started.add(pool.submit(() -> {
                    try {
                        c.connect((int) Math.max(1000, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                        return true;
                    } catch (IOException | RuntimeException e) {
                        c.failure = e.toString();
                        return false;
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        int ok = 0;
        for (Future<Boolean> f : started) {
            try {
                if (f.get()) {
                    ok++;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                // counted as not connected
            }
        }
        return ok;
    }

    @Override
    public String failures() {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (Conn c : conns) {
            if (!c.open && c.failure != null && n++ < 3) {
                sb.append(c.failure).append("; ");
            }
        }
        return sb.toString();
    }

    @Override
    public int reconnectClosed() throws InterruptedException {
        if (openCount() == conns.length) {
            return 0;
        }
        int ok = connectMissing(32, Duration.ofSeconds(30));
        reconnects.addAndGet(ok);
        Thread.sleep(500);
        return ok;
    }

    private void pingAll() {
        for (Conn c : conns) {
            if (c.open) {
                c.writeControl(0x9);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        pinger.shutdownNow();
        selector.wakeup();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Conn c : conns) {
            c.shut();
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    // ------------------------------------------------------------------------------------------------ reading

    private void readLoop() {
        try {
            while (!closed) {
                selector.select(200);
                Conn fresh;
                while ((fresh = toRegister.poll()) != null) {
                    try {
                        fresh.channel.register(selector, SelectionKey.OP_READ, fresh);
                    } catch (IOException | RuntimeException e) {
                        fresh.lost("register failed: " + e);
                    }
                }
                var keys = selector.selectedKeys();
                for (SelectionKey key : keys) {
                    Conn c = (Conn) key.attachment();
                    if (!key.isValid()) {
                        continue;
                    }
                    try {
                        c.readAvailable();
                    } catch (IOException | RuntimeException e) {
                        key.cancel();
                        c.lost(e.toString());
                    }
                }
                keys.clear();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // closing
        }
    }

    /** One connection: its channel and its read buffer (frames are parsed in place). */
    private final class Conn {
        private final int index;
        private volatile SocketChannel channel;
        private volatile boolean open;
        private volatile String failure;
        private ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        private java.io.ByteArrayOutputStream fragments;

        Conn(int index) {
            this.index = index;
        }

        /** Blocking handshake and hello frame, then the channel goes non-blocking to the selector. */
        void connect(int timeoutMillis) throws IOException {
            Spec spec = specs.get(index);
            String host = spec.uri().getHost();
            int port = spec.uri().getPort();
            String path = spec.uri().getRawPath() + (spec.uri().getRawQuery() == null ? "" : "?" + spec.uri().getRawQuery());
            SocketChannel ch = SocketChannel.open();
            try {
                ch.socket().setTcpNoDelay(true);
                ch.socket().connect(new InetSocketAddress(host, port), timeoutMillis);
                ch.socket().setSoTimeout(timeoutMillis);
                byte[] key = new byte[16];
                ThreadLocalRandom.current().nextBytes(key);
                String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                        + "Sec-WebSocket-Version: 13\r\n"
                        + (spec.token() == null ? "" : "Authorization: Bearer " + spec.token() + "\r\n") + "\r\n";
                ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
                // read through a stream (socket timeouts apply to it) until the hello frame is complete
                java.io.InputStream in = ch.socket().getInputStream();
                buf.clear();
                int headEnd = -1;
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
                while (true) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("no hello within " + timeoutMillis + " ms");
                    }
                    int n = in.read(buf.array(), buf.position(), buf.remaining());
                    if (n < 0) {
                        throw new IOException("closed during the handshake");
                    }
                    buf.position(buf.position() + n);
                    if (headEnd < 0) {
                        headEnd = indexOfHeadEnd(buf.array(), buf.position());
                        if (headEnd >= 0) {
                            String head = new String(buf.array(), 0, headEnd, StandardCharsets.US_ASCII);
                            if (!head.startsWith("HTTP/1.1 101")) {
                                throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(head));
                            }
                        }
                    }
                    if (headEnd >= 0) {
                        int frameEnd = completeFrameEnd(buf.array(), headEnd, buf.position());
                        if (frameEnd >= 0) {
                            String first = new String(buf.array(), headEnd, frameEnd - headEnd, StandardCharsets.UTF_8);
                            if ((buf.array()[headEnd] & 0x0f) != 0x1 || !first.contains("\"hello\"")) {
                                throw new IOException("expected the hello frame, got: " + first.strip());
                            }
                            // keep whatever followed the hello frame for the selector thread
                            byte[] rest = java.util.Arrays.copyOfRange(buf.array(), frameEnd, buf.position());
                            buf.clear();
                            buf.put(rest);
                            break;
                        }
                    }
                    if (!buf.hasRemaining()) {
                        throw new IOException("handshake answer too long");
                    }
                }
                ch.socket().setSoTimeout(0);
                ch.configureBlocking(false);
                fragments = null;
                channel = ch;
                open = true;
                failure = null;
                toRegister.add(this);
                selector.wakeup();
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }

        /** Reads what is there and handles every complete frame; called on the selector thread only. */
        void readAvailable() throws IOException {
            int n = channel.read(buf);
            long now = System.nanoTime();
            if (n < 0) {
                throw new IOException("connection closed by the server");
            }
            byte[] a = buf.array();
            int end = buf.position();
            int p = 0;
            while (end - p >= 2) {
                int b0 = a[p] & 0xff;
                int b1 = a[p + 1] & 0xff;
                long len = b1 & 0x7f;
                int header = 2;
                if (len == 126) {
                    if (end - p < 4) {
                        break;
                    }
                    len = ((a[p + 2] & 0xff) << 8) | (a[p + 3] & 0xff);
                    header = 4;
                } else if (len == 127) {
                    if (end - p < 10) {
                        break;
                    }
                    len = 0;
                    for (int i = 2; i < 10; i++) {
                        len = (len << 8) | (a[p + i] & 0xff);
                    }
                    header = 10;
                }
                if ((b1 & 0x80) != 0) {
                    header += 4; // servers do not mask, but be safe
                }
                if (header + len > a.length) {
                    grow((int) (header + len), p, end);
                    a = buf.array();
                    end = buf.position();
                    p = 0;
                    continue;
                }
                if (end - p < header + len) {
                    break;
                }
                frame(b0, a, p + header, (int) len, now);
                p += header + (int) len;
            }
            // keep the incomplete tail at the start of the buffer
            if (p > 0) {
                System.arraycopy(a, p, a, 0, end - p);
                buf.position(end - p);
            }
        }

        private void frame(int b0, byte[] a, int off, int len, long now) throws IOException {
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0f;
            switch (opcode) {
                case 0x1, 0x0 -> {
                    if (opcode == 0x1 && fin && fragments == null) {
                        deliver(a, off, len, now);
                    } else {
                        if (fragments == null) {
                            fragments = new java.io.ByteArrayOutputStream();
                        }
                        fragments.write(a, off, len);
                        if (fin) {
                            byte[] whole = fragments.toByteArray();
                            fragments = null;
                            deliver(whole, 0, whole.length, now);
                        }
                    }
                }
                case 0x8 -> throw new IOException("closed by the server"
                        + (len >= 2 ? ": " + (((a[off] & 0xff) << 8) | (a[off + 1] & 0xff)) : ""));
                case 0x9 -> writeControl(0xA);
                default -> {
                    // pong or binary: nothing to do
                }
            }
        }

        private void deliver(byte[] a, int off, int len, long now) {
            lastFrameNanos = now;
            lastTextLength = len;
            StepMeter m = meter;
            if (m != null) {
                m.onFrame(a, off, len, now);
            }
        }

        private void grow(int needed, int p, int end) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, buf.capacity() * 2));
            bigger.put(buf.array(), p, end - p);
            buf = bigger;
        }

        /** An empty masked control frame (ping 0x9 or pong 0xA). */
        void writeControl(int opcode) {
            SocketChannel ch = channel;
            if (ch == null) {
                return;
            }
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            try {
                synchronized (this) {
                    ch.write(ByteBuffer.wrap(new byte[] {(byte) (0x80 | opcode), (byte) 0x80, mask[0], mask[1], mask[2], mask[3]}));
                }
            } catch (IOException e) {
                // the reader notices
            }
        }

        void lost(String why) {
            if (open) {
                closedByServer.incrementAndGet();
            }
            failure = why;
            shut();
        }

        void shut() {
            open = false;
            SocketChannel ch = channel;
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }

    private static int indexOfHeadEnd(byte[] a, int end) {
        for (int i = 3; i < end; i++) {
            if (a[i - 3] == '\r' && a[i - 2] == '\n' && a[i - 1] == '\r' && a[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** End of the frame starting at {@code p}, or -1 while it is incomplete. */
    private static int completeFrameEnd(byte[] a, int p, int end) {
        if (end - p < 2) {
            return -1;
        }
        long len = a[p + 1] & 0x7f;
        int header = 2;
        if (len == 126) {
            if (end - p < 4) {
                return -1;
            }
            len = ((a[p + 2] & 0xff) << 8) | (a[p + 3] & 0xff);
            header = 4;
        } else if (len == 127) {
            return -1; // a hello frame is never that long
        }
        return end - p >= header + len ? (int) (p + header + len) : -1;
    }
}
