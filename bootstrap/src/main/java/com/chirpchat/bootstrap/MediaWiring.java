package com.chirpchat.bootstrap;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.chirpchat.adapters.cloudinary.CloudinaryMediaStore;
import com.chirpchat.adapters.cloudinary.CloudinarySettings;
import com.chirpchat.application.media.MediaStore;
import com.chirpchat.emulator.MediaEmulator;

import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;

/**
 * Chooses the media store: Cloudinary when {@code chirpchat.cloudinary.url} (CLOUDINARY_URL) is set, otherwise the
 * local Cloudinary-compatible service, started here on a second port. The same adapter talks to either; only its
 * configuration differs. The local service gets a token key, so it runs in the strongest delivery mode, and strict
 * transformations, as the Cloudinary account should have them.
 */
final class MediaWiring {
    static final String WEBHOOK_PATH = "/webhooks/cloudinary/media-processed";
    private static final System.Logger LOG = System.getLogger(MediaWiring.class.getName());

    private MediaWiring() {
    }

    static Media create(Config chirp, Path dataDir, URI publicBase, Clock clock) {
        Config cloudinary = chirp.get("cloudinary");
        CloudinarySettings.Builder settings = CloudinarySettings.builder()
                .notificationUrl(publicBase.resolve(WEBHOOK_PATH))
                .notificationWindow(cloudinary.get("notification-window").as(Duration.class).orElse(Duration.ofMinutes(5)))
                .signatureAlgorithm(Settings.text(cloudinary.get("signature-algorithm")).orElse("SHA1"));
        Optional<String> url = Settings.text(cloudinary.get("url"));
        Optional<MediaEmulator> local = Optional.empty();
        if (url.isPresent()) {
            settings.cloudinaryUrl(url.get());
            Settings.text(cloudinary.get("token-key")).ifPresent(settings::tokenKey);
            Settings.text(cloudinary.get("upload-prefix")).ifPresent(v -> settings.sdkOption("upload_prefix", v));
            Settings.text(cloudinary.get("secure-distribution")).ifPresent(v -> settings.sdkOption("secure_distribution", v));
            cloudinary.get("private-cdn").asBoolean().ifPresent(v -> settings.sdkOption("private_cdn", v));
            // any other SDK setting, as the SDK names it (cname, secure, timeout, ...): chirpchat.cloudinary.sdk.<name>
            cloudinary.get("sdk").asMap().orElse(java.util.Map.of()).forEach((key, value) ->
                    settings.sdkOption(key.substring(key.lastIndexOf('.') + 1), sdkValue(value)));
        } else {
            Config config = chirp.get("media.local");
            // no ffmpeg configured: the build bundled from Maven Central, extracted once into the user's cache
            MediaEmulator emulator = MediaEmulator.builder()
                    .host(Settings.text(config.get("host")).orElse("127.0.0.1"))
                    .port(config.get("port").asInt().orElse(8081))
                    .dataDir(dataDir.resolve("media"))
                    .cloudName("chirpchat")
                    .ffmpeg(Settings.text(config.get("ffmpeg")), Settings.text(config.get("ffprobe")))
                    .clock(clock) // the URLs it checks expire on the clock that set their expiry
                    // as the Cloudinary account should be set: only the eager variants are ever delivered
                    .strictTransformations(true)
                    .build();
            emulator.start();
            local = Optional.of(emulator);
            settings.cloudinaryUrl(emulator.cloudinaryUrl()).tokenKey(emulator.tokenKey());
            emulator.sdkConfig().forEach(settings::sdkOption);
            LOG.log(Level.INFO, "local media service (Cloudinary API) on " + emulator.baseUri() + "; video and audio with "
                    + emulator.mediaTools().describe());
        }
        CloudinaryMediaStore store = CloudinaryMediaStore.create(settings.build(), clock);
        return new Media(store, local, local.isPresent() ? "local service " + local.get().baseUri() : "Cloudinary",
                         store.deliveryMode());
    }

    private static Object sdkValue(String value) {
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> value;
        };
    }

    /** The media store, the local service when that is what it talks to, and how to describe them. */
    record Media(MediaStore store, Optional<MediaEmulator> localService, String description, String deliveryMode)
            implements AutoCloseable {

        @Override
        public void close() {
            localService.ifPresent(MediaEmulator::stop);
        }

        /** Readiness: the media store answers. With the local service, also which ffmpeg it processes video with. */
        HealthCheck healthCheck() {
            return new Readiness("media", () -> {
                HealthCheckResponse.Builder response = HealthCheckResponse.builder()
                        .status(store.reachable())
                        .detail("store", description)
                        .detail("delivery", deliveryMode);
                localService.map(MediaEmulator::mediaTools).ifPresent(tools -> response
                        .detail("ffmpeg", tools.ffmpeg())
                        .detail("ffmpegVersion", tools.version().orElse("not runnable"))
                        .detail("ffmpegOrigin", tools.origin()));
                return response.build();
            });
        }
    }
}
