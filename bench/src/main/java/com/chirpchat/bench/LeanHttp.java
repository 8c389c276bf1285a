package com.chirpchat.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A lean HTTP/1.1 client for the open-loop posts: persistent keep-alive connections, one request at a time per
 * connection, each served by its own virtual thread taking requests from a shared queue. It costs the harness a
 * small fraction of what {@code java.net.http.HttpClient} costs per request, which matters because the harness
 * shares one CPU with its WebSocket clients. Requests are real HTTP requests to the real API; the status code
 * decides success.
 */
final class LeanHttp implements AutoCloseable {
    private record Job(byte[] request, int expectedStatus, CompletableFuture<Boolean> done) {
    }

    private static final Job STOP = new Job(null, 0, null);

    private final String host;
    private final int port;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread[] workers;
    private volatile boolean closed;

    LeanHttp(String host, int port, int connections) {
        this.host = host;
        this.port = port;
        this.workers = new Thread[connections];
        for (int i = 0; i < connections; i++) {
            workers[i] = Thread.ofVirtual().name("lean-http-" + port + "-" + i).start(this::work);
        }
    }

    /** The bytes of a POST with a JSON body and an optional bearer token. */
    byte[] post(String path, String authorization, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Queues a request; completes with whether the answer had {@code expectedStatus}. */
    CompletableFuture<Boolean> send(byte[] request, int expectedStatus) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IOException("closed"));
        } else {
            queue.add(new Job(request, expectedStatus, done));
        }
        return done;
    }

    private void work() {
        Connection connection = null;
        try {
            while (true) {
                Job job = queue.take();
                if (job == STOP) {
                    return;
                }
                try {
                    if (connection == null) {
                        connection = new Connection();
                    }
                    int status = connection.exchange(job.request());
                    job.done().complete(status == job.expectedStatus());
                    if (connection.mustClose) {
                        connection.close();
                        connection = null;
                    }
                } catch (IOException | RuntimeException e) {
                    if (connection != null) {
                        connection.close();
                        connection = null;
                    }
                    job.done().completeExceptionally(e);
                }
            }
        } catch (InterruptedException e) {
            // closing
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < workers.length; i++) {
            queue.add(STOP);
        }
        for (Thread w : workers) {
            try {
                if (!w.join(java.time.Duration.ofSeconds(2))) {
                    w.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Job left;
        while ((left = queue.poll()) != null) {
            if (left != STOP) {
                left.done().completeExceptionally(new IOException("closed"));
            }
        }
    }

    /** One keep-alive connection with its own read buffer. */
    private final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] buf = new byte[16384];
        private int pos;
        private int lim;
        boolean mustClose;

        Connection() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(30));
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        int exchange(byte[] request) throws IOException {
            out.write(request);
            String status = line();
            // "HTTP/1.1 201 Created"
            if (status.length() < 12 || !status.startsWith("HTTP/1.")) {
                throw new IOException("bad status line: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            String h;
            while (!(h = line()).isEmpty()) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = h.substring(0, colon).strip();
                String value = h.substring(colon + 1).strip();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    mustClose = true;
                }
            }
            if (chunked) {
                while (true) {
                    String size = line();
                    int semi = size.indexOf(';');
                    long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
                    if (n == 0) {
                        while (!line().isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    skip(n);
                    line();
                }
            } else if (length > 0) {
                skip(length);
            } else if (length < 0 && code != 204 && code != 304) {
                mustClose = true; // body until close: we do not need it
            }
            return code;
        }

        private int read() throws IOException {
            if (pos == lim) {
                lim = in.read(buf, 0, buf.length);
                pos = 0;
                if (lim <= 0) {
                    lim = 0;
                    throw new IOException("connection closed by the server");
                }
            }
            return buf[pos++] & 0xff;
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            int b;
            while ((b = read()) != '\n') {
                if (b != '\r') {
                    sb.append((char) b);
                }
                if (sb.length() > 16384) {
                    throw new IOException("header line too long");
                }
            }
            return sb.toString();
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                if (pos == lim) {
                    read();
                    pos--;
                }
                int take = (int) Math.min(n, lim - pos);
                pos += take;
                n -= take;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
