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

    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_FIELD_BYTES = 4 * 1024 * 1024;
    private static final int MAX_PARTS = 1000;
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))");
    private static final Pattern FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))");

    private final DelimitedInput in;
    private final byte[] firstDelimiter;
    private final byte[] delimiter;
    private final Path tempDir;
    private final long maxFileBytes;
    private final String declaredSize;

    MultipartParser(InputStream in, String boundary, Path tempDir, long maxFileBytes, String declaredSize) {
        this.in = new DelimitedInput(in);
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
        if (!in.readUntil(firstDelimiter, OutputStream.nullOutputStream(), Long.MAX_VALUE)) {
            throw ApiException.badRequest("Malformed multipart body: no opening boundary");
        }
        int parts = 0;
        while (true) {
            int a = in.read();
            int b = in.read();
            if (a == '-' && b == '-') {
                return; // closing boundary
            }
            while (a == ' ' || a == '\t') { // transport padding
                a = b;
                b = in.read();
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
                try {
                    if (!in.readUntil(delimiter, value, MAX_FIELD_BYTES)) {
                        throw ApiException.badRequest("Malformed multipart body: truncated");
                    }
                } catch (DelimitedInput.TooLong e) {
                    throw ApiException.badRequest("Parameter value too large");
                }
                params.add(name, value.toString(StandardCharsets.UTF_8));
            }
        }
    }

    private void readFile(Params params, String name, String filename) throws IOException {
        if (!"file".equals(name)) {
            // Only "file" carries media; other file parts are read and ignored.
            readFileBytes(OutputStream.nullOutputStream());
            return;
        }
        if (params.file().isPresent()) {
            throw ApiException.badRequest("Only one file may be uploaded per request");
        }
        Path temp = Files.createTempFile(tempDir, "upload-", ".part");
        boolean ok = false;
        try (OutputStream out = Files.newOutputStream(temp)) {
            CountingOutputStream counting = new CountingOutputStream(out);
            readFileBytes(counting);
            out.flush();
            params.file(new UploadedFile(temp, baseName(filename), counting.count));
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private void readFileBytes(OutputStream sink) throws IOException {
        try {
            if (!in.readUntil(delimiter, sink, maxFileBytes)) {
                throw ApiException.badRequest("Malformed multipart body: truncated");
            }
        } catch (DelimitedInput.TooLong e) {
            throw ApiException.badRequest("File size too large. Got " + declaredSize + ". Maximum is " + maxFileBytes + ".");
        }
    }

    private static String baseName(String filename) {
        String f = filename.replace('\\', '/');
        return f.substring(f.lastIndexOf('/') + 1);
    }

    private String readHeaders() throws IOException {
        StringBuilder headers = new StringBuilder();
        while (true) {
            String line;
            try {
                line = in.readLine(MAX_HEADER_BYTES);
            } catch (DelimitedInput.TooLong e) {
                throw ApiException.badRequest("Multipart part headers too large");
            }
            if (line.isEmpty()) {
                return headers.toString();
            }
            headers.append(line).append("\r\n");
            if (headers.length() > MAX_HEADER_BYTES) {
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
