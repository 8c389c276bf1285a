package com.chirpchat.emulator.upload;

import com.chirpchat.emulator.auth.Digests;
import com.chirpchat.emulator.web.ApiException;
import com.chirpchat.emulator.web.UploadedFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code async=true} uploads: Cloudinary answers {@code {"status":"pending",...,"batch_id":...}} at once and does the
 * upload in the background, its result going to {@code notification_url}. One refused then is logged (Cloudinary
 * documents no notification for it).
 */
final class AsyncUploads implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AsyncUploads.class.getName());

    private final Path tempDir;
    private final ExecutorService runners = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("async-upload-", 0).factory());

    AsyncUploads(Path tempDir) {
        this.tempDir = tempDir;
    }

    /** @return the pending answer; {@code upload} gets a copy of the file that outlives the request */
    Map<String, Object> submit(String publicId, String resourceType, String type, UploadedFile received,
                               Consumer<UploadedFile> upload) {
        UploadedFile file = keep(received);
        String batchId = Digests.randomHex(16);
        try {
            runners.execute(() -> {
                try {
                    upload.accept(file);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Asynchronous upload " + batchId + " of " + publicId + " failed: " + e.getMessage());
                } finally {
                    file.discard();
                }
            });
        } catch (RejectedExecutionException e) {
            file.discard();
            throw ApiException.internal("Shutting down; try again later");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "pending");
        body.put("resource_type", resourceType);
        body.put("type", type);
        body.put("public_id", publicId);
        body.put("batch_id", batchId);
        return body;
    }

    /** Moves the file out of the request's reach (the endpoint deletes what it received once it has answered). */
    private UploadedFile keep(UploadedFile file) {
        try {
            Path kept = Files.createTempFile(tempDir, "async-", ".part");
            Files.move(file.path(), kept, StandardCopyOption.REPLACE_EXISTING);
            return new UploadedFile(kept, file.filename(), file.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        runners.shutdownNow();
        try {
            runners.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
