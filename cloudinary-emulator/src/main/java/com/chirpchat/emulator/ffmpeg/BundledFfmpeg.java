package com.chirpchat.emulator.ffmpeg;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The {@code ffmpeg} and {@code ffprobe} executables shipped inside {@code org.bytedeco:ffmpeg}'s platform jars
 * ({@code linux-x86_64-gpl}, {@code linux-arm64-gpl}: GPL builds with libx264 and LAME), extracted once into a cache
 * folder and reused by every later start. The folder name carries the jar's name, so another version extracts beside
 * it; a folder is installed by an atomic rename, so concurrent first starts never see a half-written one.
 * <p>
 * Not JavaCPP's {@code Loader.load(ffmpeg.class)}: that also loads every FFmpeg JNI library into this JVM (which then
 * needs native access), and fails where {@code libpulse} is missing, before an executable is ever run.
 */
public final class BundledFfmpeg {

    /** Bump when the extracted files are prepared differently, so old caches are not reused. */
    private static final String LAYOUT = "1";

    private BundledFfmpeg() {
    }

    /** An extracted bundle: where the two executables are and what they came from. */
    public record Bundle(Path ffmpeg, Path ffprobe, String origin) {
    }

    /**
     * @return the bundle for this platform, extracted into {@code cacheRoot} when not there yet, or why there is none
     *         (no build for this OS/CPU, the platform jar is not on the class or module path)
     */
    public static Result locate(Path cacheRoot) {
        Optional<String> platform = platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        if (platform.isEmpty()) {
            return Result.none("no bundled ffmpeg for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
        }
        String folder = "org/bytedeco/ffmpeg/" + platform.get() + "/";
        URL marker = BundledFfmpeg.class.getClassLoader().getResource(folder + "ffmpeg");
        if (marker == null || !marker.toString().startsWith("jar:file:")) {
            return Result.none("org.bytedeco:ffmpeg:" + platform.get() + " is not on the class or module path");
        }
        String spec = marker.toString();
        Path jar = Path.of(URI.create(spec.substring("jar:".length(), spec.indexOf("!/"))));
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path target = cacheRoot.resolve(name + "-" + LAYOUT);
        try {
            if (!Files.isExecutable(target.resolve("ffmpeg")) || !Files.isExecutable(target.resolve("ffprobe"))) {
                extract(jar, folder, target);
            }
        } catch (IOException | RuntimeException e) {
            return Result.none("could not extract the bundled ffmpeg from " + jar + " into " + target + ": " + e);
        }
        String origin = "bundled: org.bytedeco:ffmpeg " + name.replaceFirst("^ffmpeg-", "") + ", GPL build";
        return new Result(Optional.of(new Bundle(target.resolve("ffmpeg"), target.resolve("ffprobe"), origin)), "");
    }

    /** The outcome of {@link #locate}: a bundle, or the reason there is none. */
    public record Result(Optional<Bundle> bundle, String problem) {
        static Result none(String problem) {
            return new Result(Optional.empty(), problem);
        }
    }

    /** javacpp's platform names for the builds we ship: linux-x86_64-gpl and linux-arm64-gpl. */
    static Optional<String> platform(String osName, String osArch) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x86-64" -> Optional.of("linux-x86_64-gpl");
            case "aarch64", "arm64" -> Optional.of("linux-arm64-gpl");
            default -> Optional.empty();
        };
    }

    /** Extracts the executables and libraries (not the JNI glue) into a fresh folder, then renames it into place. */
    private static void extract(Path jar, String folder, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp-");
        try {
            try (JarFile file = new JarFile(jar.toFile())) {
                for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    String entryName = entry.getName();
                    if (entry.isDirectory() || !entryName.startsWith(folder)) {
                        continue;
                    }
                    String base = entryName.substring(folder.length());
                    if (base.contains("/") || base.startsWith("libjni") || DeviceLibraries.DETACHED.contains(base)) {
                        continue;
                    }
                    Path out = staging.resolve(base);
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, out);
                    }
                    DeviceLibraries.detach(out);
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            install(staging, target);
        } finally {
            deleteTree(staging);
        }
    }

    private static void install(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the cache folder " + target.getParent() + " does not support atomic renames", e);
        } catch (IOException e) {
            // another process installed it first: theirs is complete (it was renamed into place), so use it
            if (!Files.isExecutable(target.resolve("ffmpeg")) || !Files.isExecutable(target.resolve("ffprobe"))) {
                throw e;
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
