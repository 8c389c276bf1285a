package com.chirpchat.emulator;

import com.cloudinary.Cloudinary;
import com.cloudinary.utils.ObjectUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web-optimised MP4 is never bigger than what was uploaded (its bitrate is capped per resolution and by the
 * source), and the adaptive ladder offers 1080p, 720p, 480p, 360p and 240p, never above the source.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // the Cloudinary SDK's API is raw-typed
class WebVideoSizeTest {

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Cloudinary sdk;

    @BeforeAll
    static void start() {
        Fixtures.requireFfmpeg();
        emulator = Fixtures.emulator(dir.resolve("data")).processingTimeout(Duration.ofMinutes(3)).build().start();
        sdk = Fixtures.sdk(emulator);
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.stop();
        }
    }

    @Test
    void aNoisyFullHdSourceGivesASmallerCappedMp4() throws Exception {
        Path noisy = dir.resolve("noisy1080.mp4");
        Fixtures.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=25:duration=2,noise=alls=50:allf=t+u",
                "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:v", "libx264", "-preset", "ultrafast",
                "-crf", "16", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-shortest", noisy.toString());
        long sourceBytes = Files.size(noisy);
        double sourceKbps = sourceBytes * 8 / 2000.0;
        assertThat(sourceKbps).as("the fixture is a high-bitrate source").isGreaterThan(8000);

        Map<?, ?> r = sdk.uploader().upload(noisy.toFile(), ObjectUtils.asMap("resource_type", "video", "public_id", "noisy",
                "eager", Fixtures.eager("q_auto,vc_h264/mp4")));
        List<Map<String, Object>> eager = (List<Map<String, Object>>) r.get("eager");
        long mp4Bytes = ((Number) eager.get(0).get("bytes")).longValue();
        assertThat(mp4Bytes).as("web-optimised MP4 is smaller than the source").isLessThan(sourceBytes);
        Path mp4 = Media.write(dir, "noisy.out.mp4", Fixtures.get((String) eager.get(0).get("url")).body());
        assertThat(Files.size(mp4)).isEqualTo(mp4Bytes);
        long videoBitrate = Media.videoStream(mp4).path("bit_rate").asLong();
        // the 5 Mb/s ceiling with its one-second buffer, which starts 30% full: (0.3 + 2 s) x 5 Mb/s over 2 s
        assertThat(videoBitrate).as("1080p video bitrate is capped").isLessThanOrEqualTo(5_800_000L);
    }

    @Test
    void theLadderOffersFiveRungsForFullHd() throws Exception {
        Path clip = dir.resolve("plain1080.mp4");
        Fixtures.ffmpeg("-f", "lavfi", "-i", "color=c=green:s=1920x1080:r=25:d=1", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", clip.toString());
        Map<?, ?> r = sdk.uploader().upload(clip.toFile(), ObjectUtils.asMap("resource_type", "video", "public_id", "plain1080",
                "eager", Fixtures.eager("sp_auto/m3u8")));
        String url = (String) ((List<Map<String, Object>>) r.get("eager")).get(0).get("url");
        String master = new String(Fixtures.get(url).body(), StandardCharsets.UTF_8);
        assertThat(Media.resolutions(master)).extracting(wh -> wh[1])
                .as("short sides of the ladder: 1080p, 720p, ~480p, 360p, ~240p")
                .containsExactly(1080, 720, 486, 360, 234);
        assertThat(Media.resolutions(master)).allSatisfy(wh -> assertThat(wh[0] * 9).isEqualTo(wh[1] * 16));
    }

    @Test
    void aQuietSourceIsNotInflatedEitherAndTheLadderStopsAtItsSize() throws Exception {
        Path quiet = dir.resolve("quiet720.mp4");
        Fixtures.ffmpeg("-f", "lavfi", "-i", "color=c=blue:s=1280x720:r=25:d=2", "-f", "lavfi", "-i",
                "sine=frequency=300:duration=2", "-c:v", "libx264", "-preset", "medium", "-crf", "30", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "32k", "-shortest", quiet.toString());
        long sourceBytes = Files.size(quiet);
        Map<?, ?> r = sdk.uploader().upload(quiet.toFile(), ObjectUtils.asMap("resource_type", "video", "public_id", "quiet",
                "eager", Fixtures.eager("q_auto,vc_h264/mp4", "sp_auto/m3u8")));
        List<Map<String, Object>> eager = (List<Map<String, Object>>) r.get("eager");
        assertThat(((Number) eager.get(0).get("bytes")).longValue()).as("no bigger than the source").isLessThanOrEqualTo(sourceBytes);
        String master = new String(Fixtures.get((String) eager.get(1).get("url")).body(), StandardCharsets.UTF_8);
        assertThat(Media.resolutions(master)).extracting(wh -> wh[1]).containsExactly(720, 486, 360, 234);
    }
}
