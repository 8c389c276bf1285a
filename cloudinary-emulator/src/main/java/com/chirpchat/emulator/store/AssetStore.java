package com.chirpchat.emulator.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Assets on disk: {@code <data>/assets/<hash of key>/asset.json} next to the original, and
 * {@code derived/<derived key>/derived.json} next to each derived file (and its parts, for HLS/DASH).
 * Metadata is written atomically (temp file + rename) and re-read at start-up, so the store survives restarts.
 */
public final class AssetStore {

    private static final System.Logger LOG = System.getLogger(AssetStore.class.getName());
    private static final String ASSET_JSON = "asset.json";
    private static final String DERIVED_JSON = "derived.json";
    private static final int LOCK_STRIPES = 64;

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Path assetsDir;
    private final Path tempDir;
    private final Map<AssetKey, Asset> index = new ConcurrentHashMap<>();
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    public AssetStore(Path dataDir) {
        this.assetsDir = dataDir.resolve("assets");
        this.tempDir = dataDir.resolve("tmp");
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        try {
            Files.createDirectories(assetsDir);
            Files.createDirectories(tempDir);
            StoreFiles.empty(tempDir);
            load();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open media data folder " + dataDir, e);
        }
    }

    /** @return scratch space on the same file system as the assets (so moves are renames) */
    public Path tempDir() {
        return tempDir;
    }

    public Optional<Asset> find(AssetKey key) {
        return Optional.ofNullable(index.get(key));
    }

    public Collection<Asset> all() {
        return List.copyOf(index.values());
    }

    /** Serializes changes to one asset (uploads, derivations, deletion). */
    public ReentrantLock lock(AssetKey key) {
        return locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
    }

    public Path folder(AssetKey key) {
        return assetsDir.resolve(key.folderName());
    }

    public Path original(Asset asset) {
        return folder(asset.key()).resolve(asset.originalFile());
    }

    /**
     * Stores a new asset or a new version of one: the previous original and every derived file are removed,
     * {@code source} is moved in as the original. Call with {@link #lock(AssetKey)} held.
     */
    public void put(Asset asset, Path source) {
        Path folder = folder(asset.key());
        try {
            Optional<Asset> previous = find(asset.key());
            if (previous.isPresent()) {
                deleteTree(folder.resolve("derived"));
                Files.deleteIfExists(original(previous.get()));
            }
            Files.createDirectories(folder);
            Files.move(source, folder.resolve(asset.originalFile()), StandardCopyOption.REPLACE_EXISTING);
            writeJson(folder.resolve(ASSET_JSON), asset);
            index.put(asset.key(), asset);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store " + asset.key(), e);
        }
    }

    /** Rewrites the metadata of an existing asset (e.g. its pending batches). */
    public void update(Asset asset) {
        try {
            writeJson(folder(asset.key()).resolve(ASSET_JSON), asset);
            index.put(asset.key(), asset);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update " + asset.key(), e);
        }
    }

    /**
     * Removes the asset, its original and all derived files.
     *
     * @return the number of derived files removed, or empty when there was no such asset
     */
    public Optional<Integer> delete(AssetKey key) {
        ReentrantLock lock = lock(key);
        lock.lock();
        try {
            Asset asset = index.remove(key);
            if (asset == null) {
                return Optional.empty();
            }
            int derived = listDerived(asset).size();
            deleteTree(folder(key));
            return Optional.of(derived);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + key, e);
        } finally {
            lock.unlock();
        }
    }

    public Path derivedFolder(Asset asset, String derivedKey) {
        return folder(asset.key()).resolve("derived").resolve(derivedKey);
    }

    public Optional<Derived> findDerived(Asset asset, String derivedKey) {
        Path json = derivedFolder(asset, derivedKey).resolve(DERIVED_JSON);
        if (!Files.isRegularFile(json)) {
            return Optional.empty();
        }
        try {
            Derived d = mapper.readValue(json.toFile(), Derived.class);
            return d.version() == asset.version() ? Optional.of(d) : Optional.empty();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Ignoring unreadable " + json + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    public List<Derived> listDerived(Asset asset) {
        Path dir = folder(asset.key()).resolve("derived");
        List<Derived> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                findDerived(asset, p.getFileName().toString()).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Moves a finished derivation (a folder holding {@code derived.mainFile()} and any parts) into place, if the
     * asset still exists in the version it was derived from. Call with {@link #lock(AssetKey)} held.
     *
     * @return whether it was installed (false when the asset was deleted or replaced meanwhile)
     */
    public boolean installDerived(Asset asset, Derived derived, Path producedFolder) {
        Optional<Asset> current = find(asset.key());
        if (current.isEmpty() || current.get().version() != asset.version()) {
            return false;
        }
        Path target = derivedFolder(asset, derived.key());
        try {
            deleteTree(target);
            Files.createDirectories(target.getParent());
            writeJson(producedFolder.resolve(DERIVED_JSON), derived);
            try {
                Files.move(producedFolder, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(producedFolder, target);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install derived file of " + asset.key(), e);
        }
    }

    public static void deleteTree(Path root) throws IOException {
        StoreFiles.deleteTree(root);
    }

    private void writeJson(Path target, Object value) throws IOException {
        StoreFiles.writeJson(mapper, target, value);
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(assetsDir)) {
            for (Path folder : stream) {
                Path json = folder.resolve(ASSET_JSON);
                if (!Files.isRegularFile(json)) {
                    LOG.log(Level.WARNING, "Removing incomplete asset folder " + folder);
                    deleteTree(folder);
                    continue;
                }
                try {
                    Asset asset = mapper.readValue(json.toFile(), Asset.class);
                    index.put(asset.key(), asset);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "Skipping unreadable asset metadata " + json + ": " + e.getMessage());
                }
            }
        }
    }

}
