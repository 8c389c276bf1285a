package com.chirpchat.emulator.ffmpeg;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The patch that lets the bundled tools start without PulseAudio, ALSA, XCB, VA-API or DRM installed. */
class DeviceLibrariesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"linux-x86_64-gpl", "linux-arm64-gpl"})
    void libavdeviceIsCutLooseFromTheCaptureDeviceLibrariesOnBothPlatforms(String platform) throws Exception {
        Path lib = copy(platform, "libavdevice.so.61");
        byte[] before = Files.readAllBytes(lib);

        assertThat(DeviceLibraries.detach(lib))
                .containsExactlyInAnyOrder("libdrm.so.2", "libxcb.so.1", "libxcb-shm.so.0", "libasound.so.2", "libpulse.so.0");
        assertThat(Files.size(lib)).as("patched in place").isEqualTo(before.length);
        assertThat(DeviceLibraries.detach(lib)).as("nothing left to detach").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux-x86_64-gpl", "linux-arm64-gpl"})
    void libavutilIsCutLooseFromVaapiAndDrm(String platform) throws Exception {
        assertThat(DeviceLibraries.detach(copy(platform, "libavutil.so.59")))
                .containsExactlyInAnyOrder("libva-drm.so.2", "libva.so.2", "libdrm.so.2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux-x86_64-gpl", "linux-arm64-gpl"})
    void librariesThatNeedNoDeviceAreLeftByteForByte(String platform) throws Exception {
        Path lib = copy(platform, "libswscale.so.8");
        byte[] before = Files.readAllBytes(lib);
        assertThat(DeviceLibraries.detach(lib)).isEmpty();
        assertThat(Files.readAllBytes(lib)).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void aFileThatIsNotElfIsLeftAlone() throws Exception {
        Path text = Files.writeString(dir.resolve("README"), "not an ELF file, but longer than an ELF header is: ".repeat(3));
        assertThat(DeviceLibraries.detach(text)).isEmpty();
        assertThat(Files.readString(text)).startsWith("not an ELF file");
    }

    private Path copy(String platform, String name) throws Exception {
        String resource = "org/bytedeco/ffmpeg/" + platform + "/" + name;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the test class path").isNotNull();
            Path out = dir.resolve(platform + "-" + name);
            Files.copy(in, out);
            return out;
        }
    }
}
