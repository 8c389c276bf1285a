package com.chirpchat.emulator.upload;

import com.chirpchat.emulator.settings.ChunkSettings;
import com.chirpchat.emulator.store.AssetStore;
import com.chirpchat.emulator.web.ApiException;
import com.chirpchat.emulator.web.UploadedFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Chunked uploads ({@code X-Unique-Upload-Id} + {@code Content-Range}): chunks are written at their offsets into
 * one file per upload id, in any order; the upload completes when the known total is covered. Every chunk but the
 * one ending the file must be at least 5 MB, as on Cloudinary. Sessions are bounded in number and size and expire
 * when no chunk arrives for a while.
 */
final class ChunkSessions {

    private static final System.Logger LOG = System.getLogger(ChunkSessions.class.getName());
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    /** Cloudinary's smallest part: every chunk but the one that ends the file must be at least 5 MB (MiB). */
    static final long MIN_PART_BYTES = 5L * 1024 * 1024;

    /** What a chunk led to. */
    sealed interface Result permits Partial, Complete {
    }

    /** More chunks are needed. */
    record Partial(long received, String publicId) implements Result {
    }

    /** The file is complete: {@code file} holds all bytes. */
    record Complete(UploadedFile file, String publicId) implements Result {
    }

    private final Path dir;
    private final ChunkSettings settings;
    private final long maxBytes;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    ChunkSessions(AssetStore store, ChunkSettings settings, long maxBytes) {
        this.dir = store.tempDir().resolve("chunks");
        this.settings = settings;
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String checkUploadId(String id) {
        if (!UPLOAD_ID.matcher(id).matches()) {
            throw ApiException.badRequest("Invalid X-Unique-Upload-Id");
        }
        return id;
    }

    /**
     * Adds a chunk.
     *
     * @param publicId public id chosen for the upload (the first chunk's choice sticks)
     */
    Result accept(String uploadId, ContentRange range, UploadedFile chunk, String publicId) {
        if (range.length() != chunk.size()) {
            throw ApiException.badRequest("Content-Range length " + range.length() + " does not match chunk size " + chunk.size());
        }
        if (range.end() >= maxBytes || range.total() > maxBytes) {
            long got = Math.max(range.total(), range.end() + 1);
            throw ApiException.badRequest("File size too large. Got " + got + ". Maximum is " + maxBytes + ".");
        }
        boolean endsTheFile = range.total() >= 0 && range.end() == range.total() - 1;
        if (!endsTheFile && chunk.size() < MIN_PART_BYTES) {
            throw ApiException.badRequest("All parts except EOF-chunk must be larger than 5mb");
        }
        Session session = sessions.computeIfAbsent(uploadId, id -> {
            if (sessions.size() >= settings.maxSessions()) {
                throw new ApiException(420, "Too many chunked uploads in progress; try again later");
            }
            return new Session(dir.resolve(id + ".data"), publicId, chunk.filename());
        });
        synchronized (session) {
            if (session.closed) {
                throw ApiException.badRequest("Upload " + uploadId + " already completed");
            }
            session.touched = Instant.now();
            if (range.total() >= 0) {
                if (session.total >= 0 && session.total != range.total()) {
                    throw ApiException.badRequest("Content-Range total changed from " + session.total + " to " + range.total());
                }
                session.total = range.total();
            }
            try (FileChannel out = FileChannel.open(session.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileChannel in = FileChannel.open(chunk.path(), StandardOpenOption.READ)) {
                long done = 0;
                while (done < chunk.size()) {
                    long n = out.transferFrom(in, range.start() + done, chunk.size() - done);
                    if (n <= 0) {
                        throw new IOException("short copy of chunk");
                    }
                    done += n;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot store chunk", e);
            } finally {
                chunk.discard();
            }
            session.add(range.start(), range.end());
            if (session.filename.isEmpty()) {
                session.filename = chunk.filename();
            }
            if (session.total >= 0 && session.covers(session.total)) {
                session.closed = true;
                sessions.remove(uploadId, session);
                return new Complete(new UploadedFile(session.file, session.filename, session.total), session.publicId);
            }
            return new Partial(session.received(), session.publicId);
        }
    }

    /** Forgets sessions without a chunk for longer than the expiry and deletes their bytes. */
    void sweep() {
        Instant cutoff = Instant.now().minus(settings.expiry());
        for (Map.Entry<String, Session> e : sessions.entrySet()) {
            Session s = e.getValue();
            synchronized (s) {
                if (!s.closed && s.touched.isBefore(cutoff)) {
                    s.closed = true;
                    sessions.remove(e.getKey(), s);
                    try {
                        Files.deleteIfExists(s.file);
                    } catch (IOException ex) {
                        LOG.log(Level.WARNING, "Could not delete abandoned chunks " + s.file);
                    }
                    LOG.log(Level.INFO, "Abandoned chunked upload " + e.getKey() + " expired");
                }
            }
        }
    }

    int activeSessions() {
        return sessions.size();
    }

    Duration expiry() {
        return settings.expiry();
    }

    private static final class Session {
        private final Path file;
        private final String publicId;
        private final List<long[]> ranges = new ArrayList<>();
        private String filename;
        private long total = -1;
        private Instant touched = Instant.now();
        private boolean closed;

        Session(Path file, String publicId, String filename) {
            this.file = file;
            this.publicId = publicId;
            this.filename = filename == null ? "" : filename;
        }

        /** Adds [start,end] and merges overlapping or adjacent ranges. */
        void add(long start, long end) {
            ranges.add(new long[] {start, end});
            ranges.sort((a, b) -> Long.compare(a[0], b[0]));
            List<long[]> merged = new ArrayList<>();
            for (long[] r : ranges) {
                Optional<long[]> last = merged.isEmpty() ? Optional.empty() : Optional.of(merged.get(merged.size() - 1));
                if (last.isPresent() && r[0] <= last.get()[1] + 1) {
                    last.get()[1] = Math.max(last.get()[1], r[1]);
                } else {
                    merged.add(new long[] {r[0], r[1]});
                }
            }
            ranges.clear();
            ranges.addAll(merged);
        }

        boolean covers(long size) {
            return size == 0 || (ranges.size() == 1 && ranges.get(0)[0] == 0 && ranges.get(0)[1] >= size - 1);
        }

        long received() {
            return ranges.stream().mapToLong(r -> r[1] - r[0] + 1).sum();
        }
    }
}
