package com.chirpchat.adapters.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A WebSocket client on a bare socket that shakes hands and then never reads: the slowest possible consumer. */
final class RawWebSocket implements AutoCloseable {
    private final Socket socket;

    private RawWebSocket(Socket socket) {
        this.socket = socket;
    }

    static RawWebSocket open(int port, String token) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096); // a small window, so the server's writes block soon
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            InputStream in = socket.getInputStream();
            while (!head.toString().endsWith("\r\n\r\n") && head.length() < 4096) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed during the handshake: " + head);
                }
                head.append((char) b);
            }
            if (!head.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade refused: " + head);
            }
            return new RawWebSocket(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads what the server had sent until the connection ends; true when it ended (end of stream or reset),
     * false when it was still open after {@code timeoutMillis} of silence or too many bytes.
     */
    boolean readsToTheEnd(int timeoutMillis, long maxBytes) {
        try {
            socket.setSoTimeout(timeoutMillis);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            long total = 0;
            while (total < maxBytes) {
                int read = in.read(buffer);
                if (read < 0) {
                    return true;
                }
                total += read;
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset by the server
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
