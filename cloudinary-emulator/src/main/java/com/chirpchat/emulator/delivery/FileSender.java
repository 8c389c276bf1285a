package com.chirpchat.emulator.delivery;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sends files and generated bodies with ETag, HEAD and single-range ({@code Range: bytes=a-b}) support. */
final class FileSender {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private FileSender() {
    }

    static void file(ServerRequest req, ServerResponse res, Path file, String contentType) {
        long length;
        String etag;
        try {
            length = Files.size(file);
            etag = "\"" + Long.toHexString(length) + "-" + Long.toHexString(Files.getLastModifiedTime(file).toMillis()) + "\"";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.header(HeaderNames.ACCEPT_RANGES, "bytes");
        res.header(HeaderNames.ETAG, etag);
        if (req.headers().first(HeaderNames.IF_NONE_MATCH).map(etag::equals).orElse(false)) {
            res.status(Status.NOT_MODIFIED_304);
            res.send();
            return;
        }
        long start = 0;
        long end = length - 1;
        Optional<String> range = req.headers().first(HeaderNames.RANGE);
        if (range.isPresent() && !range.get().contains(",")) {
            Matcher m = RANGE.matcher(range.get().trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) {
                    long suffix = Long.parseLong(m.group(2));
                    start = Math.max(0, length - suffix);
                } else {
                    start = Long.parseLong(m.group(1));
                    end = m.group(2).isEmpty() ? length - 1 : Math.min(length - 1, Long.parseLong(m.group(2)));
                }
                if (start >= length || start > end) {
                    res.status(Status.REQUESTED_RANGE_NOT_SATISFIABLE_416);
                    res.header(HeaderNames.CONTENT_RANGE, "bytes */" + length);
                    res.send();
                    return;
                }
                res.status(Status.PARTIAL_CONTENT_206);
                res.header(HeaderNames.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + length);
            }
        }
        long count = length == 0 ? 0 : end - start + 1;
        res.header(HeaderNames.CONTENT_LENGTH, String.valueOf(count));
        if (req.prologue().method() == Method.HEAD || count == 0) {
            res.send(new byte[0]);
            return;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file);
             OutputStream out = res.outputStream()) {
            channel.position(start);
            InputStream in = Channels.newInputStream(channel);
            byte[] buf = new byte[64 * 1024];
            long left = count;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void bytes(ServerRequest req, ServerResponse res, byte[] body, String contentType) {
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.header(HeaderNames.CONTENT_LENGTH, String.valueOf(body.length));
        res.send(req.prologue().method() == Method.HEAD ? new byte[0] : body);
    }
}
