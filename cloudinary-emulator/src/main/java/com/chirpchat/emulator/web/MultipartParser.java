package com.chirpchat.emulator.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A streaming {@code multipart/form-data} reader: text fields go to {@link Params}, the part carrying a filename
 * (or named {@code file} with binary content) is spooled to a temporary file with a hard size limit, so an upload
 * never sits in memory.
 */
final class MultipartParser {

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_FIELD_BYTES = 4 * 1024 * 1024;
    private static final int MAX_PARTS = 1000;
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))");
    private static final Pattern FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))");

    private final InputStream in;
    private final byte[] firstDelimiter;
    private final byte[] delimiter;
    private final Path tempDir;
    private final long maxFileBytes;
    private final String declaredSize;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;

    MultipartParser(InputStream in, String boundary, Path tempDir, long maxFileBytes, String declaredSize) {
        this.in = in;
        this.firstDelimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.tempDir = tempDir;
        this.maxFileBytes = maxFileBytes;
        this.declaredSize = declaredSize;
    }

    static Optional<String> boundary(String contentType) {
        Matcher m = Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))").matcher(contentType);
        if (!m.find()) {
            return Optional.empty();
        }
        String b = m.group(1) != null ? m.group(1) : m.group(2);
        return b.isEmpty() || b.length() > 200 ? Optional.empty() : Optional.of(b);
    }

    void parse(Params params) throws IOException {
        if (!readUntil(firstDelimiter, OutputStream.nullOutputStream(), Long.MAX_VALUE)) {
            throw ApiException.badRequest("Malformed multipart body: no opening boundary");
        }
        int parts = 0;
        while (true) {
            int a = read();
            int b = read();
            if (a == '-' && b == '-') {
                return; // closing boundary
            }
            while (a == ' ' || a == '\t') { // transport padding
                a = b;
                b = read();
            }
            if (a != '\r' || b != '\n') {
                throw ApiException.badRequest("Malformed multipart body: bad boundary line");
            }
            if (++parts > MAX_PARTS) {
                throw ApiException.badRequest("Too many multipart parts");
            }
            String headers = readHeaders();
            String disposition = header(headers, "content-disposition").orElse("");
            String name = param(NAME, disposition).orElseThrow(
                    () -> ApiException.badRequest("Malformed multipart body: part without a name"));
            Optional<String> filename = param(FILENAME, disposition);
            boolean isFile = filename.isPresent();
            if (isFile) {
                readFile(params, name, filename.get());
            } else {
                ByteArrayOutputStream value = new ByteArrayOutputStream();
                if (!readUntil(delimiter, value, MAX_FIELD_BYTES)) {
                    throw ApiException.badRequest("Malformed multipart body: truncated");
                }
                params.add(name, value.toString(StandardCharsets.UTF_8));
            }
        }
    }

    private void readFile(Params params, String name, String filename) throws IOException {
        if (!"file".equals(name)) {
            // Only "file" carries media; other file parts are read and ignored.
            if (!readUntil(delimiter, OutputStream.nullOutputStream(), maxFileBytes)) {
                throw ApiException.badRequest("Malformed multipart body: truncated");
            }
            return;
        }
        if (params.file().isPresent()) {
            throw ApiException.badRequest("Only one file may be uploaded per request");
        }
        Path temp = Files.createTempFile(tempDir, "upload-", ".part");
        boolean ok = false;
        try (OutputStream out = Files.newOutputStream(temp)) {
            CountingOutputStream counting = new CountingOutputStream(out);
            if (!readUntil(delimiter, counting, maxFileBytes)) {
                throw ApiException.badRequest("Malformed multipart body: truncated");
            }
            out.flush();
            params.file(new UploadedFile(temp, baseName(filename), counting.count));
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static String baseName(String filename) {
        String f = filename.replace('\\', '/');
        return f.substring(f.lastIndexOf('/') + 1);
    }

    private String readHeaders() throws IOException {
        StringBuilder headers = new StringBuilder();
        while (true) {
            String line = readLine();
            if (line.isEmpty()) {
                return headers.toString();
            }
            headers.append(line).append("\r\n");
            if (headers.length() > MAX_HEADER_BYTES) {
                throw ApiException.badRequest("Multipart part headers too large");
            }
        }
    }

    private String readLine() throws IOException {
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
            if (line.size() > MAX_HEADER_BYTES) {
                throw ApiException.badRequest("Multipart part headers too large");
            }
        }
    }

    private static Optional<String> header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> param(Pattern pattern, String disposition) {
        Matcher m = pattern.matcher(disposition);
        if (!m.find()) {
            return Optional.empty();
        }
        String v = m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2);
        return Optional.of(v);
    }

    private int read() throws IOException {
        if (pos >= limit) {
            fill();
            if (pos >= limit) {
                return -1;
            }
        }
        return buf[pos++] & 0xff;
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

    /**
     * Copies bytes to {@code sink} up to the delimiter and consumes the delimiter.
     *
     * @return false when the stream ended before the delimiter
     */
    private boolean readUntil(byte[] delim, OutputStream sink, long maxBytes) throws IOException {
        long written = 0;
        while (true) {
            int found = indexOf(delim);
            if (found >= 0) {
                written += found - pos;
                checkSize(written, maxBytes);
                sink.write(buf, pos, found - pos);
                pos = found + delim.length;
                return true;
            }
            if (eof) {
                written += limit - pos;
                checkSize(written, maxBytes);
                sink.write(buf, pos, limit - pos);
                pos = limit;
                return false;
            }
            // keep a tail that could be the start of the delimiter
            int safe = Math.max(pos, limit - (delim.length - 1));
            if (safe > pos) {
                written += safe - pos;
                checkSize(written, maxBytes);
                sink.write(buf, pos, safe - pos);
                pos = safe;
            }
            fill();
        }
    }

    private void checkSize(long written, long maxBytes) {
        if (written > maxBytes) {
            if (maxBytes == MAX_FIELD_BYTES) {
                throw ApiException.badRequest("Parameter value too large");
            }
            throw ApiException.badRequest("File size too large. Got " + declaredSize + ". Maximum is " + maxBytes + ".");
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

    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
