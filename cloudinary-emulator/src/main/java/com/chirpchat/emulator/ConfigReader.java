package com.chirpchat.emulator;

import com.chirpchat.emulator.fault.FaultSettingsReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.config.Config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Reads a {@link MediaEmulator.Builder} from a configuration node. */
final class ConfigReader {

    private ConfigReader() {
    }

    static MediaEmulator.Builder read(Config config) {
        MediaEmulator.Builder b = MediaEmulator.builder();
        try {
            config.get("host").asString().ifPresent(b::host);
            config.get("port").asInt().ifPresent(b::port);
            config.get("data-dir").asString().map(Path::of).ifPresent(b::dataDir);
            config.get("cloud-name").asString().ifPresent(b::cloudName);
            config.get("api-key").asString().ifPresent(b::apiKey);
            config.get("api-secret").asString().ifPresent(b::apiSecret);
            config.get("token-key").asString().ifPresent(b::tokenKey);
            config.get("public-base-uri").asString().map(URI::create).ifPresent(b::publicBaseUri);
            config.get("max-upload-bytes").asLong().ifPresent(b::maxUploadBytes);
            config.get("strict-transformations").asBoolean().ifPresent(b::strictTransformations);
            config.get("faults").get("http").asBoolean().ifPresent(b::faultSwitchOverHttp);

            Config n = config.get("notifications");
            n.get("signature-algorithm").asString().ifPresent(b::notificationSignatureAlgorithm);
            if (n.get("max-attempts").exists() || n.get("initial-backoff").exists() || n.get("max-backoff").exists()) {
                b.notificationRetries(n.get("max-attempts").asInt().orElse(8),
                        duration(n.get("initial-backoff"), Duration.ofSeconds(1)),
                        duration(n.get("max-backoff"), Duration.ofMinutes(1)));
            }
            if (n.get("request-timeout").exists()) {
                b.notificationTimeout(duration(n.get("request-timeout"), Duration.ofSeconds(10)));
            }

            Config p = config.get("processing");
            if (p.get("workers").exists() || p.get("queue-capacity").exists()) {
                b.processingWorkers(p.get("workers").asInt().orElse(2), p.get("queue-capacity").asInt().orElse(256));
            }
            if (p.get("timeout").exists()) {
                b.processingTimeout(duration(p.get("timeout"), Duration.ofMinutes(5)));
            }
            b.ffmpeg(p.get("ffmpeg").asString().asOptional(), p.get("ffprobe").asString().asOptional());
            p.get("ffmpeg-cache-dir").asString().map(Path::of).ifPresent(b::ffmpegCacheDir);

            Config c = config.get("chunks");
            if (c.get("expiry").exists() || c.get("max-sessions").exists()) {
                b.chunkedUploads(duration(c.get("expiry"), Duration.ofHours(1)), c.get("max-sessions").asInt().orElse(100));
            }

            Config f = config.get("faults");
            if (f.exists()) {
                ObjectNode json = new ObjectMapper().createObjectNode();
                for (String key : List.of("upload-failures", "destroy-failures", "processing-failures")) {
                    f.get(key).asInt().ifPresent(v -> json.put(key.replace('-', '_'), v));
                }
                f.get("notifications").asString().ifPresent(v -> json.put("notifications", v));
                ObjectNode stalls = json.putObject("stall-ms".replace('-', '_'));
                for (String scope : List.of("upload", "destroy", "delivery", "download", "admin")) {
                    f.get("stall-ms").get(scope).asLong().ifPresent(v -> stalls.put(scope, v));
                }
                FaultSettingsReader.apply(faultSwitch(b), json);
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new MediaEmulatorException("Invalid media emulator configuration: " + e.getMessage(), e);
        }
        return b;
    }

    /** A duration as ISO-8601 ({@code PT1S}) or a number of milliseconds. */
    private static Duration duration(Config node, Duration fallback) {
        return node.asString().map(v -> {
            String s = v.trim();
            if (s.matches("\\d+")) {
                return Duration.ofMillis(Long.parseLong(s));
            }
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }).orElse(fallback);
    }

    private static com.chirpchat.emulator.fault.FaultSwitch faultSwitch(MediaEmulator.Builder b) {
        return b.faultSwitch();
    }
}
