package com.chirpchat.emulator.upload;

import com.chirpchat.emulator.derive.Derivation;
import com.chirpchat.emulator.derive.DerivationService;
import com.chirpchat.emulator.notify.Notifier;
import com.chirpchat.emulator.store.Asset;
import com.chirpchat.emulator.store.AssetStore;
import com.chirpchat.emulator.store.PendingBatch;
import com.chirpchat.emulator.transform.Transformation;
import com.chirpchat.emulator.transform.TransformationException;
import com.chirpchat.emulator.transform.TransformationParser;
import com.chirpchat.emulator.view.AssetViews;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs {@code eager_async} batches in the background and sends the eager notification when every item of a batch
 * is done (produced or failed). Batches are persisted with the asset, so a restart resumes them.
 */
public final class EagerBatches implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EagerBatches.class.getName());

    private final AssetStore store;
    private final DerivationService derivations;
    private final Notifier notifier;
    private final AssetViews views;
    private final ExecutorService runners = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("eager-batch-", 0).factory());

    public EagerBatches(AssetStore store, DerivationService derivations, Notifier notifier, AssetViews views) {
        this.store = store;
        this.derivations = derivations;
        this.notifier = notifier;
        this.views = views;
    }

    /** Resumes batches left pending by a previous run. */
    public void resumePending() {
        for (Asset asset : store.all()) {
            for (PendingBatch batch : asset.pending()) {
                submit(asset, batch);
            }
        }
    }

    void submit(Asset asset, PendingBatch batch) {
        try {
            runners.execute(() -> run(asset, batch));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "Shutting down; batch " + batch.batchId() + " stays pending");
        }
    }

    private void run(Asset asset, PendingBatch batch) {
        List<String> requested = batch.transformations();
        List<CompletableFuture<Derivation>> futures = new ArrayList<>();
        for (String text : requested) {
            try {
                Transformation t = TransformationParser.parse(text);
                String format = DerivationService.outputFormat(asset, t);
                futures.add(derivations.derive(asset, t, format));
            } catch (TransformationException e) {
                futures.add(CompletableFuture.completedFuture(Derivation.failed(e.getMessage())));
            }
        }
        List<Map<String, Object>> items = new ArrayList<>();
        long deadline = System.nanoTime() + derivations.longestWait().toNanos();
        for (int i = 0; i < requested.size(); i++) {
            Derivation d;
            try {
                d = futures.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                d = Derivation.failed("Processing did not finish in time");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // shutting down: the batch stays pending and is resumed on the next start
            } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
                d = Derivation.failed("Internal processing error");
            }
            String text = requested.get(i);
            items.add(d.ok() ? views.eagerDone(asset, text, d.derived().get()) : views.eagerFailed(text, reason(d)));
        }
        Optional<Asset> current;
        ReentrantLock lock = store.lock(asset.key());
        lock.lock();
        try {
            current = store.find(asset.key()).filter(a -> a.version() == asset.version());
            current.ifPresent(a -> store.update(a.withPending(a.pending().stream()
                    .filter(b -> !b.batchId().equals(batch.batchId())).toList())));
        } finally {
            lock.unlock();
        }
        if (current.isEmpty()) {
            LOG.log(Level.INFO, "Asset " + asset.key() + " was deleted or replaced; no eager notification for " + batch.batchId());
            return;
        }
        if (!batch.notificationUrl().isEmpty()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("eager", items);
            fields.put("batch_id", batch.batchId());
            fields.put("asset_id", asset.assetId());
            fields.put("public_id", asset.publicId());
            fields.put("version", asset.version());
            fields.put("resource_type", asset.resourceType());
            fields.put("type", asset.type());
            if (!asset.format().isEmpty()) {
                fields.put("format", asset.format());
            }
            notifier.send(batch.notificationUrl(), views.notification("eager", fields, batch.requestId()));
        }
    }

    private static String reason(Derivation d) {
        return d.error().isEmpty() ? "Processing failed" : d.error();
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
