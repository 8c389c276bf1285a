package com.chirpchat.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Where ffmpeg comes from: the bundled GPL build unless one is configured. */
class MediaToolsTest {

    @TempDir
    Path dir;

    @Test
    void unconfiguredToolsAreTheBundledGplBuildWithX264AndLame() {
        MediaTools tools = MediaTools.resolve(Optional.empty(), Optional.empty(), dir.resolve("cache"));
        assertThat(tools.origin()).startsWith("bundled: org.bytedeco:ffmpeg 7.1.1-1.5.12-linux-").endsWith("GPL build");
        assertThat(Path.of(tools.ffmpeg())).isAbsolute().startsWith(dir.resolve("cache")).isExecutable();
        assertThat(Path.of(tools.ffprobe())).isExecutable().hasParent(Path.of(tools.ffmpeg()).getParent());
        assertThat(tools.version()).hasValueSatisfying(v -> assertThat(v).startsWith("ffmpeg version 7.1.1"));
        assertThat(tools.describe()).startsWith("ffmpeg 7.1.1 at " + tools.ffmpeg() + " (bundled: ");
        String encoders = Fixtures.run(List.of(tools.ffmpeg(), "-hide_banner", "-encoders"));
        assertThat(encoders).contains("libx264").contains("libmp3lame").contains("aac");
        assertThat(Fixtures.run(List.of(tools.ffprobe(), "-version"))).startsWith("ffprobe version 7.1.1");
    }

    @Test
    void theBundleIsExtractedOnceAndSharedByConcurrentFirstStarts() throws Exception {
        Path cache = dir.resolve("shared");
        int starts = 3;
        CyclicBarrier together = new CyclicBarrier(starts);
        Callable<MediaTools> start = () -> {
            together.await(30, TimeUnit.SECONDS);
            return MediaTools.resolve(Optional.empty(), Optional.empty(), cache);
        };
        List<MediaTools> resolved;
        try (ExecutorService pool = Executors.newFixedThreadPool(starts)) {
            List<Future<MediaTools>> futures = pool.invokeAll(List.of(start, start, start));
            resolved = futures.stream().map(f -> {
                try {
                    return f.get(120, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
        }
        assertThat(resolved).extracting(MediaTools::ffmpeg).containsOnly(resolved.get(0).ffmpeg());
        assertThat(resolved).allSatisfy(t -> assertThat(t.version()).isPresent());
        try (var entries = Files.list(cache)) {
            assertThat(entries.toList()).as("one installed folder, no staging leftovers").hasSize(1);
        }
        long modified = Files.getLastModifiedTime(Path.of(resolved.get(0).ffmpeg())).toMillis();
        MediaTools again = MediaTools.resolve(Optional.empty(), Optional.empty(), cache);
        assertThat(again.ffmpeg()).isEqualTo(resolved.get(0).ffmpeg());
        assertThat(Files.getLastModifiedTime(Path.of(again.ffmpeg())).toMillis()).as("not extracted again").isEqualTo(modified);
    }

    @Test
    void aConfiguredFfmpegWinsAndItsFfprobeIsTakenFromBesideIt() throws Exception {
        Path system = Files.createDirectories(dir.resolve("usr-bin"));
        Path bundled = Path.of(MediaTools.bundled().ffmpeg()).getParent();
        Path ffmpeg = Files.createSymbolicLink(system.resolve("ffmpeg"), bundled.resolve("ffmpeg"));
        Files.createSymbolicLink(system.resolve("ffprobe"), bundled.resolve("ffprobe"));

        MediaTools tools = MediaTools.resolve(Optional.of(ffmpeg.toString()), Optional.empty(), dir.resolve("unused"));
        assertThat(tools.origin()).isEqualTo("configured");
        assertThat(tools.ffmpeg()).isEqualTo(ffmpeg.toString());
        assertThat(tools.ffprobe()).isEqualTo(system.resolve("ffprobe").toString());
        assertThat(tools.version()).isPresent();
        assertThat(dir.resolve("unused")).as("nothing extracted when configured").doesNotExist();

        assertThat(MediaTools.resolve(Optional.empty(), Optional.of("ffprobe"), dir).ffmpeg()).isEqualTo("ffmpeg");
    }

    @Test
    void aConfiguredFfmpegThatCannotRunIsReportedNotReplaced() {
        MediaTools tools = MediaTools.resolve(Optional.of(dir.resolve("missing/ffmpeg").toString()), Optional.empty(), dir);
        assertThat(tools.origin()).isEqualTo("configured");
        assertThat(tools.version()).isEmpty();
        assertThat(tools.describe()).startsWith("ffmpeg (not runnable) at " + dir.resolve("missing/ffmpeg"));
    }

    @Test
    void theEmulatorReportsTheToolsItUses() {
        MediaEmulator configured = MediaEmulator.builder().dataDir(dir.resolve("data"))
                .ffmpeg(Optional.of("/opt/ffmpeg/bin/ffmpeg"), Optional.empty()).build();
        assertThat(configured.mediaTools().ffprobe()).isEqualTo("/opt/ffmpeg/bin/ffprobe");
        MediaEmulator unconfigured = MediaEmulator.builder().dataDir(dir.resolve("data2")).ffmpegCacheDir(dir.resolve("c")).build();
        assertThat(unconfigured.mediaTools().origin()).startsWith("bundled: ");
    }
}
