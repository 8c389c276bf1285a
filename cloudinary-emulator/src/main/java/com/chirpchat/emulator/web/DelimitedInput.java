package com.chirpchat.emulator.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffered byte stream read up to delimiters (multipart boundaries) or line ends, never holding more than one
 * buffer in memory, with a cap on how much may come before the delimiter.
 */
final class DelimitedInput {

    /** More bytes came before the delimiter than allowed. */
    static final class TooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLong() {
            super(null, null, false, false);
        }
    }

    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;

    DelimitedInput(InputStream in) {
        this.in = in;
    }

    int read() throws IOException {
        if (pos >= limit) {
            fill();
            if (pos >= limit) {
                return -1;
            }
        }
        return buf[pos++] & 0xff;
    }

    /**
     * Copies bytes to {@code sink} up to the delimiter and consumes the delimiter.
     *
     * @return false when the stream ended before the delimiter
     * @throws TooLong when more than {@code maxBytes} come before it
     */
    boolean readUntil(byte[] delim, OutputStream sink, long maxBytes) throws IOException {
        long written = 0;
        while (true) {
            int found = indexOf(delim);
            if (found >= 0) {
                written = copy(sink, found - pos, written, maxBytes);
                pos += delim.length;
                return true;
            }
            if (eof) {
                copy(sink, limit - pos, written, maxBytes);
                return false;
            }
            // keep a tail that could be the start of the delimiter
            int safe = Math.max(pos, limit - (delim.length - 1));
            written = copy(sink, safe - pos, written, maxBytes);
            fill();
        }
    }

    /** @return one CRLF-terminated line (without the CRLF), or throws when longer than {@code maxBytes} */
    String readLine(int maxBytes) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = read();
            if (c < 0) {
                throw ApiException.badRequest("Malformed multipart body: truncated headers");
            }
            if (c == '\r') {
                int n = read();
                if (n == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (n < 0) {
                    throw ApiException.badRequest("Malformed multipart body: truncated headers");
                }
                line.write(c);
                line.write(n);
            } else {
                line.write(c);
            }
            if (line.size() > maxBytes) {
                throw new TooLong();
            }
        }
    }

    private long copy(OutputStream sink, int count, long written, long maxBytes) throws IOException {
        if (written + count > maxBytes) {
            throw new TooLong();
        }
        sink.write(buf, pos, count);
        pos += count;
        return written + count;
    }

    /** Compacts the buffer and reads more bytes into it; sets {@code eof} at the end of the stream. */
    private void fill() throws IOException {
        if (eof) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private int indexOf(byte[] delim) {
        int last = limit - delim.length;
        outer:
        for (int i = pos; i <= last; i++) {
            if (buf[i] != delim[0]) {
                continue;
            }
            for (int j = 1; j < delim.length; j++) {
                if (buf[i + j] != delim[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
