package com.chirpchat.emulator;

import com.chirpchat.emulator.fault.FaultSwitch;
import com.chirpchat.emulator.ffmpeg.Ffmpeg;
import com.chirpchat.emulator.server.EmulatorServer;
import com.chirpchat.emulator.settings.Settings;
import io.helidon.common.config.Config;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A local, Cloudinary-compatible media service. Point the Cloudinary SDK at it with {@link #sdkConfig()}
 * ({@code upload_prefix} for the API, {@code cname} + {@code secure=false} for delivery).
 *
 * <pre>{@code
 * MediaEmulator emulator = MediaEmulator.builder()
 *         .host("127.0.0.1").port(0)
 *         .dataDir(Path.of("data/media"))
 *         .cloudName("chirpchat").apiKey("...").apiSecret("...")
 *         .tokenKey("hex...")
 *         .build();
 * emulator.start();
 * }</pre>
 */
public final class MediaEmulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MediaEmulator.class.getName());

    private final Settings settings;
    private final FaultSwitch faultSwitch;
    private final Faults faults;
    private final Clock clock;
    private final MediaTools tools;
    private EmulatorServer server;

    private MediaEmulator(Settings settings, FaultSwitch faultSwitch, Clock clock, MediaTools tools) {
        this.settings = settings;
        this.faultSwitch = faultSwitch;
        this.faults = new Faults(faultSwitch);
        this.clock = clock;
        this.tools = tools;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates an emulator from a configuration node (keys in the README: {@code host}, {@code port},
     * {@code data-dir}, {@code cloud-name}, {@code api-key}, {@code api-secret}, {@code token-key},
     * {@code public-base-uri}, {@code max-upload-bytes}, {@code notifications.*}, {@code processing.*},
     * {@code chunks.*}, {@code faults.*}).
     */
    public static MediaEmulator create(Config config) {
        return ConfigReader.read(config).build();
    }

    /** Binds the port and starts serving; a stopped emulator can be started again on the same data folder. */
    public synchronized MediaEmulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        EmulatorServer s = new EmulatorServer(settings, faultSwitch, clock,
                new Ffmpeg(tools.ffmpeg(), tools.ffprobe(), settings.processing().timeout()));
        logTools();
        try {
            s.start();
        } catch (RuntimeException e) {
            s.stop();
            throw new MediaEmulatorException("Could not start the media emulator: " + e.getMessage(), e);
        }
        server = s;
        return this;
    }

    /** Stops serving; background processing stops, pending notifications stay in the outbox for the next start. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }

    /** @return the bound port (the ephemeral one when configured with 0) */
    public synchronized int port() {
        return running().port();
    }

    /** @return e.g. {@code http://127.0.0.1:PORT}, the base of API and delivery URLs */
    public synchronized String baseUri() {
        return running().baseUri();
    }

    public Faults faults() {
        return faults;
    }

    public String cloudName() {
        return settings.credentials().cloudName();
    }

    public String apiKey() {
        return settings.credentials().apiKey();
    }

    public String apiSecret() {
        return settings.credentials().apiSecret();
    }

    /** @return the hex key of {@code __cld_token__} HMACs */
    public String tokenKey() {
        return settings.credentials().tokenKey();
    }

    public Path dataDir() {
        return settings.dataDir();
    }

    /** @return the ffmpeg and ffprobe that process video and audio, and where they came from */
    public MediaTools mediaTools() {
        return tools;
    }

    private void logTools() {
        if (tools.version().isPresent()) {
            LOG.log(Level.INFO, "video and audio processing with " + tools.describe());
        } else {
            LOG.log(Level.WARNING, "ffmpeg (" + tools.ffmpeg() + ", " + tools.origin() + ") cannot be run: video and audio "
                    + "uploads will fail until it can (see processing.ffmpeg / processing.ffprobe)");
        }
    }

    /** @return notifications accepted but not yet delivered or given up */
    public synchronized int pendingNotifications() {
        return server == null ? 0 : server.pendingNotifications();
    }

    /**
     * @return the Cloudinary SDK configuration that talks to this emulator: {@code cloud_name}, {@code api_key},
     *         {@code api_secret}, {@code upload_prefix}, {@code secure=false}, {@code cname=host:port},
     *         {@code analytics=false}
     */
    public synchronized Map<String, Object> sdkConfig() {
        String base = baseUri();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("cloud_name", cloudName());
        config.put("api_key", apiKey());
        config.put("api_secret", apiSecret());
        config.put("upload_prefix", base);
        config.put("secure", false);
        config.put("cname", URI.create(base).getRawAuthority());
        config.put("analytics", false);
        return config;
    }

    /** @return {@code cloudinary://key:secret@cloud?upload_prefix=...&secure=false&cname=...&analytics=false} */
    public synchronized String cloudinaryUrl() {
        String base = baseUri();
        return "cloudinary://" + apiKey() + ":" + apiSecret() + "@" + cloudName() + "?upload_prefix=" + base
                + "&secure=false&cname=" + URI.create(base).getRawAuthority() + "&analytics=false";
    }

    private EmulatorServer running() {
        if (server == null) {
            throw new IllegalStateException("The media emulator is not running");
        }
        return server;
    }

    /** Builder of {@link MediaEmulator}; every setting has a zero-setup default (see {@link EmulatorSettingsBuilder}). */
    public static final class Builder extends EmulatorSettingsBuilder {

        private Builder() {
        }

        public MediaEmulator build() {
            return new MediaEmulator(settings(), faultSwitch(), configuredClock(), tools());
        }
    }
}
