package com.chirpchat.bootstrap.reliability;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.chirpchat.bootstrap.support.Api;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A WebSocket client on a bare socket with a small receive window that shakes hands and then stops reading: the
 * slowest consumer there is. {@link #readToTheEnd()} later reads whatever the server got through before it let the
 * client go, frame by frame, and says how the connection ended — with a close frame and its code, or without one,
 * which a WebSocket API reports as 1006 (abnormal closure).
 */
final class StalledClient implements AutoCloseable {
    /** What a WebSocket API reports for a connection that ended without a close frame. */
    static final int ABNORMAL_CLOSURE = 1006;

    private final Socket socket;

    private StalledClient(Socket socket) {
        this.socket = socket;
    }

    static StalledClient connect(URI base, String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        InputStream in = socket.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n") && head.length() < 4096) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        return new StalledClient(socket);
    }

    /** The text frames received, and how the connection ended. */
    record Ending(List<JsonNode> frames, int closeCode) {
    }

    /** Reads every frame until the connection ends (the server cut it, or sent a close frame). */
    Ending readToTheEnd() throws IOException {
        List<JsonNode> frames = new ArrayList<>();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[Math.toIntExact(length)];
                in.readFully(payload);
                switch (first & 0x0f) {
                    case 1 -> frames.add(Api.JSON.readTree(new String(payload, StandardCharsets.UTF_8)));
                    case 8 -> {
                        return new Ending(frames, payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005);
                    }
                    default -> { } // pings and pongs
                }
            }
        } catch (EOFException | SocketException cut) {
            return new Ending(frames, ABNORMAL_CLOSURE); // what was buffered before a reset may be lost too
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
