package com.chirpchat.emulator.derive;

import com.chirpchat.emulator.fault.FaultSwitch;
import com.chirpchat.emulator.store.Asset;
import com.chirpchat.emulator.store.AssetKey;
import com.chirpchat.emulator.store.AssetStore;
import com.chirpchat.emulator.store.Derived;
import com.chirpchat.emulator.transform.Output;
import com.chirpchat.emulator.transform.ProcessingException;
import com.chirpchat.emulator.transform.Source;
import com.chirpchat.emulator.transform.SourceKind;
import com.chirpchat.emulator.transform.Transformation;
import com.chirpchat.emulator.transform.TransformationException;
import com.chirpchat.emulator.transform.Transformations;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Produces derived files on a small bounded worker pool: each (asset version, transformation, format) is made at
 * most once at a time, lands in a scratch folder first and is installed only if the asset still exists in that
 * version, so a deletion racing a transformation leaves nothing behind.
 */
public final class DerivationService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DerivationService.class.getName());

    private final AssetStore store;
    private final Processors processors;
    private final FaultSwitch faults;
    private final Duration timeout;
    private final ThreadPoolExecutor pool;
    private final Map<String, CompletableFuture<Derivation>> inFlight = new ConcurrentHashMap<>();

    public DerivationService(AssetStore store, Processors processors, FaultSwitch faults, int workers, int queueCapacity,
                             Duration timeout) {
        this.store = store;
        this.processors = processors;
        this.faults = faults;
        this.timeout = timeout;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
                r -> {
                    Thread t = new Thread(r, "media-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** @return what kind of source the asset is for transformations */
    public static Source source(Asset asset) {
        SourceKind kind = switch (asset.resourceType()) {
            case "image" -> SourceKind.IMAGE;
            case "video" -> asset.audio() ? SourceKind.AUDIO : SourceKind.VIDEO;
            default -> SourceKind.RAW;
        };
        Object audio = asset.media().get("audio");
        long audioBitRate = audio instanceof Map<?, ?> a ? number(a.get("bit_rate")) : 0;
        return new Source(kind, asset.format(), asset.width(), asset.height(), asset.duration(), audio != null,
                asset.bytes(), number(asset.media().get("bit_rate")), audioBitRate, asset.pages());
    }

    /** A number from persisted media details (JSON gives integers, longs or, for ffprobe's fields, strings). */
    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? 0 : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** @return the output format, after checking the transformation suits the asset */
    public static String outputFormat(Asset asset, Transformation t) throws TransformationException {
        return Transformations.check(t, source(asset).kind(), asset.format());
    }

    /** @return the derived file if it was already produced for the asset's current version */
    public java.util.Optional<Derived> existing(Asset asset, Transformation t, String format) {
        return store.findDerived(asset, t.derivedKey(format));
    }

    /** Starts (or joins) producing a derived file; never blocks. */
    public CompletableFuture<Derivation> derive(Asset asset, Transformation t, String format) {
        String key = t.derivedKey(format);
        java.util.Optional<Derived> done = store.findDerived(asset, key);
        if (done.isPresent()) {
            return CompletableFuture.completedFuture(Derivation.of(done.get()));
        }
        String flightKey = asset.key().folderName() + "/" + asset.version() + "/" + key;
        CompletableFuture<Derivation> fresh = new CompletableFuture<>();
        CompletableFuture<Derivation> existing = inFlight.putIfAbsent(flightKey, fresh);
        if (existing != null) {
            return existing;
        }
        fresh.whenComplete((r, e) -> inFlight.remove(flightKey, fresh));
        try {
            pool.execute(() -> {
                try {
                    fresh.complete(produce(asset, t, format, key));
                } catch (Throwable e) { // an Error in a codec must not leave the request waiting forever
                    LOG.log(Level.ERROR, "Processing " + asset.key() + " with " + t.requested() + " failed", e);
                    fresh.complete(Derivation.failed("Internal processing error: " + e));
                    if (e instanceof VirtualMachineError) {
                        throw (VirtualMachineError) e;
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            fresh.complete(Derivation.failed("Processing queue is full; try again later"));
        }
        return fresh;
    }

    /**
     * @return the longest a queued derivation can reasonably take (its turn in a full queue, then its own run),
     *         capped at two hours; used to bound waits for whole eager batches
     */
    public Duration longestWait() {
        long rounds = 1 + (pool.getQueue().size() + pool.getQueue().remainingCapacity()) / Math.max(1, pool.getMaximumPoolSize());
        Duration d = timeout.multipliedBy(rounds);
        return d.compareTo(Duration.ofHours(2)) > 0 ? Duration.ofHours(2) : d;
    }

    /** Produces a derived file and waits for it (bounded by the processing timeout plus queueing time). */
    public Derivation deriveAndWait(Asset asset, Transformation t, String format) {
        CompletableFuture<Derivation> f = derive(asset, t, format);
        try {
            return f.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Derivation.failed("Processing did not finish in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Derivation.failed("Interrupted");
        } catch (ExecutionException e) {
            return Derivation.failed(String.valueOf(e.getCause().getMessage()));
        }
    }

    private Derivation produce(Asset asset, Transformation t, String format, String key) {
        Path scratch = null;
        try {
            if (faults.takeProcessingFailure()) {
                return Derivation.failed("Emulated processing failure (fault switch)");
            }
            scratch = Files.createTempDirectory(store.tempDir(), "derive-");
            Output out = processors.process(store.original(asset), source(asset), t, format, scratch);
            Derived derived = new Derived(key, t.canonical(), out.format(), out.width(), out.height(), out.bytes(),
                    out.duration(), out.mainFile(), asset.version(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            AssetKey assetKey = asset.key();
            ReentrantLock lock = store.lock(assetKey);
            lock.lock();
            try {
                if (!store.installDerived(asset, derived, scratch)) {
                    return Derivation.failed("Resource was deleted or replaced while processing");
                }
                scratch = null;
            } finally {
                lock.unlock();
            }
            return Derivation.of(derived);
        } catch (ProcessingException e) {
            // An eager variant that cannot be made is a failure to look into, not a quiet gap: say so loudly.
            LOG.log(Level.WARNING, "Could not make " + t.requested() + " of " + asset.key() + ": " + e.getMessage());
            return Derivation.failed(e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Processing " + asset.key() + " with " + t.requested() + " failed", e);
            return Derivation.failed("Internal processing error: " + e.getMessage());
        } finally {
            if (scratch != null) {
                try {
                    AssetStore.deleteTree(scratch);
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "Could not remove " + scratch);
                }
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        inFlight.values().forEach(f -> f.complete(Derivation.failed("Shutting down")));
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
