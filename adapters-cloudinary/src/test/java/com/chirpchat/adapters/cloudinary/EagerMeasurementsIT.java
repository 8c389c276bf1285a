package com.chirpchat.adapters.cloudinary;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.chirpchat.application.media.SignedUpload;
import com.chirpchat.application.media.UploadSpec;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.emulator.MediaEmulator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The eager notification of the local service reports, for every contract variant, the size of pictures and the
 * length of timed outputs, as Cloudinary does; the adapter reads them for each variant it is matched to.
 */
class EagerMeasurementsIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PICTURES = Set.of("thumbnail_250", "preview_800", "mp4", "hls", "dash", "poster",
            "animated_preview", "waveform");
    private static final Set<String> TIMED = Set.of("mp4", "hls", "dash", "animated_preview", "mp3");

    @TempDir
    static Path dir;
    static MediaEmulator emulator;
    static Receiver receiver;
    static CloudinaryMediaStore store;

    @BeforeAll
    static void start() throws IOException {
        emulator = Emulated.start(dir.resolve("media"));
        receiver = new Receiver();
        store = Emulated.tokenStore(emulator, receiver.url(), b -> b);
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (emulator != null) {
            emulator.stop();
        }
    }

    @Test
    void everyVariantComesWithItsMeasurements() throws Exception {
        Map<ResourceType, byte[]> files = Map.of(ResourceType.IMAGE, Emulated.png(640, 480),
                ResourceType.VIDEO, Emulated.video(dir), ResourceType.AUDIO, Emulated.audio(dir));
        Map<ResourceType, String> names = Map.of(ResourceType.IMAGE, "photo.png", ResourceType.VIDEO, "clip.mp4",
                ResourceType.AUDIO, "tone.mp3");
        for (ResourceType type : List.of(ResourceType.IMAGE, ResourceType.VIDEO, ResourceType.AUDIO)) {
            String folder = Emulated.folder();
            MediaLimits.Limit limit = MediaLimits.defaults().of(type);
            SignedUpload signed = store.signUpload(new UploadSpec(folder, "m", type, limit.formats(), limit.maxBytes()));
            assertThat(Emulated.upload(signed, names.get(type), files.get(type)).statusCode()).isEqualTo(200);
            byte[] body = receiver.await(folder + "/m", "eager", WAIT).body();
            List<EagerItem> items = EagerItems.read(JSON.readTree(body).path("eager"), folder + "/m");
            assertThat(items).extracting(EagerItem::variant).as(type.name())
                    .containsExactlyElementsOf(Variants.of(type).stream().map(Variants.Variant::name).toList());
            for (EagerItem item : items) {
                String v = item.variant();
                assertThat(item.made()).as(v + " made").isTrue();
                assertThat(item.bytes()).as(v + " bytes").isPresent();
                assertThat(item.format()).as(v + " format").isPresent();
                assertThat(item.width().isPresent() && item.height().isPresent()).as(v + " width and height")
                        .isEqualTo(PICTURES.contains(v));
                assertThat(item.duration().isPresent()).as(v + " duration").isEqualTo(TIMED.contains(v));
            }
        }
    }
}
