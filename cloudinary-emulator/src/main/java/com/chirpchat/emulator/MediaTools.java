package com.chirpchat.emulator;

import com.chirpchat.emulator.ffmpeg.BundledFfmpeg;
import com.chirpchat.emulator.ffmpeg.Ffmpeg;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code ffmpeg} and {@code ffprobe} executables the emulator runs for video and audio, and where they came from:
 * the ones configured; else the GPL build bundled from Maven Central ({@code org.bytedeco:ffmpeg}, linux-x86_64 and
 * linux-arm64), extracted once into a cache folder; else, on a platform without a bundled build, the PATH's.
 *
 * @param ffmpeg  the ffmpeg executable (absolute path, or a name looked up on the PATH)
 * @param ffprobe the ffprobe executable
 * @param origin  where they came from, e.g. {@code bundled: org.bytedeco:ffmpeg 7.1.1-1.5.12-linux-x86_64-gpl, GPL build}
 * @param version the first line of {@code ffmpeg -version}, or empty when it could not be run
 */
public record MediaTools(String ffmpeg, String ffprobe, String origin, Optional<String> version) {

    public MediaTools {
        Objects.requireNonNull(ffmpeg, "ffmpeg");
        Objects.requireNonNull(ffprobe, "ffprobe");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(version, "version");
    }

    /** The bundled tools (extracted into {@link #defaultCacheDir()} if needed), as an unconfigured emulator uses them. */
    public static MediaTools bundled() {
        return resolve(Optional.empty(), Optional.empty(), defaultCacheDir());
    }

    /**
     * @param ffmpeg   a configured ffmpeg; when only one of the two is configured the other is taken from beside it
     * @param ffprobe  a configured ffprobe
     * @param cacheDir where the bundled build is extracted when neither is configured
     */
    public static MediaTools resolve(Optional<String> ffmpeg, Optional<String> ffprobe, Path cacheDir) {
        String mpeg;
        String probe;
        String origin;
        if (ffmpeg.isPresent() || ffprobe.isPresent()) {
            mpeg = ffmpeg.orElseGet(() -> sibling(ffprobe.get(), "ffmpeg"));
            probe = ffprobe.orElseGet(() -> sibling(ffmpeg.get(), "ffprobe"));
            origin = "configured";
        } else {
            BundledFfmpeg.Result found = BundledFfmpeg.locate(cacheDir);
            if (found.bundle().isPresent()) {
                mpeg = found.bundle().get().ffmpeg().toString();
                probe = found.bundle().get().ffprobe().toString();
                origin = found.bundle().get().origin();
            } else {
                mpeg = "ffmpeg";
                probe = "ffprobe";
                origin = "PATH (" + found.problem() + ")";
            }
        }
        return new MediaTools(mpeg, probe, origin, new Ffmpeg(mpeg, probe, Duration.ofSeconds(30)).version());
    }

    /** {@code $XDG_CACHE_HOME/chirpchat} or {@code ~/.cache/chirpchat}: shared by every emulator of this user. */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("chirpchat");
    }

    /** @return e.g. {@code ffmpeg 7.1.1 at /root/.cache/... (bundled: ...)}, for logs and health checks */
    public String describe() {
        return version.map(v -> v.replaceFirst("^ffmpeg version (\\S+).*", "ffmpeg $1")).orElse("ffmpeg (not runnable)")
                + " at " + ffmpeg + " (" + origin + ")";
    }

    private static String sibling(String tool, String name) {
        Path path = Path.of(tool);
        return path.getParent() == null ? name : path.resolveSibling(name).toString();
    }
}
