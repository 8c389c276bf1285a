package com.chirpchat.emulator;

import com.chirpchat.emulator.fault.FaultSwitch;
import com.chirpchat.emulator.ffmpeg.Ffmpeg;
import com.chirpchat.emulator.server.EmulatorServer;
import com.chirpchat.emulator.settings.ChunkSettings;
import com.chirpchat.emulator.settings.Credentials;
import com.chirpchat.emulator.settings.NotificationSettings;
import com.chirpchat.emulator.settings.ProcessingSettings;
import com.chirpchat.emulator.settings.Settings;
import io.helidon.common.config.Config;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    /** Builder of {@link MediaEmulator}; every setting has a zero-setup default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private Path dataDir = Path.of("data", "media");
        private String cloudName = "chirpchat";
        private String apiKey;
        private String apiSecret;
        private String tokenKey;
        private URI publicBaseUri;
        private long maxUploadBytes = 100L * 1024 * 1024;
        private NotificationSettings notifications = NotificationSettings.defaults();
        private ProcessingSettings processing = ProcessingSettings.defaults();
        private Optional<String> ffmpeg = Optional.empty();
        private Optional<String> ffprobe = Optional.empty();
        private Path ffmpegCacheDir = MediaTools.defaultCacheDir();
        private ChunkSettings chunks = ChunkSettings.defaults();
        private final FaultSwitch faults = new FaultSwitch();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Interface to bind; {@code 127.0.0.1} by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Port to bind; 0 (the default) picks an ephemeral one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Folder for assets, derived files, chunk state and the notification outbox; {@code data/media} by default. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir);
            return this;
        }

        public Builder cloudName(String cloudName) {
            this.cloudName = Objects.requireNonNull(cloudName);
            return this;
        }

        /** API key; generated once and kept in {@code <dataDir>/credentials.json} when not set. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey);
            return this;
        }

        /** API secret; generated once and kept in {@code <dataDir>/credentials.json} when not set. */
        public Builder apiSecret(String apiSecret) {
            this.apiSecret = Objects.requireNonNull(apiSecret);
            return this;
        }

        /** Hex key of {@code __cld_token__} HMACs; generated once and kept when not set. */
        public Builder tokenKey(String tokenKey) {
            this.tokenKey = Objects.requireNonNull(tokenKey);
            return this;
        }

        /** Base written into {@code url}/{@code secure_url} when clients reach the emulator through another address. */
        public Builder publicBaseUri(URI publicBaseUri) {
            this.publicBaseUri = Objects.requireNonNull(publicBaseUri);
            return this;
        }

        /** Largest accepted file (whole or chunked); 100 MB by default. */
        public Builder maxUploadBytes(long maxUploadBytes) {
            this.maxUploadBytes = maxUploadBytes;
            return this;
        }

        /** {@code SHA1} (default, like Cloudinary) or {@code SHA256} for {@code X-Cld-Signature}. */
        public Builder notificationSignatureAlgorithm(String algorithm) {
            this.notifications = new NotificationSettings(algorithm, notifications.maxAttempts(),
                    notifications.initialBackoff(), notifications.maxBackoff(), notifications.requestTimeout());
            return this;
        }

        /** Delivery attempts per notification and the backoff between them (doubling from {@code initial} up to {@code max}). */
        public Builder notificationRetries(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
            this.notifications = new NotificationSettings(notifications.algorithm(), maxAttempts, initialBackoff, maxBackoff,
                    notifications.requestTimeout());
            return this;
        }

        public Builder notificationTimeout(Duration requestTimeout) {
            this.notifications = new NotificationSettings(notifications.algorithm(), notifications.maxAttempts(),
                    notifications.initialBackoff(), notifications.maxBackoff(), requestTimeout);
            return this;
        }

        /** Concurrent transformations and how many may wait; 2 and 256 by default. */
        public Builder processingWorkers(int workers, int queueCapacity) {
            this.processing = new ProcessingSettings(workers, queueCapacity, processing.timeout());
            return this;
        }

        /** Longest one ffmpeg/ffprobe run may take; 5 minutes by default. */
        public Builder processingTimeout(Duration timeout) {
            this.processing = new ProcessingSettings(processing.workers(), processing.queueCapacity(), timeout);
            return this;
        }

        /**
         * The ffmpeg and ffprobe executables (absolute paths or names on the PATH) to use instead of the bundled
         * build; either may be empty, and is then taken from beside the other.
         */
        public Builder ffmpeg(Optional<String> ffmpeg, Optional<String> ffprobe) {
            this.ffmpeg = ffmpeg.filter(v -> !v.isBlank());
            this.ffprobe = ffprobe.filter(v -> !v.isBlank());
            return this;
        }

        /** Where the bundled ffmpeg build is extracted (once); {@link MediaTools#defaultCacheDir()} by default. */
        public Builder ffmpegCacheDir(Path dir) {
            this.ffmpegCacheDir = Objects.requireNonNull(dir);
            return this;
        }

        /** What "now" is when delivery tokens and download links are checked for expiry; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Abandoned chunked uploads are deleted after {@code expiry}; at most {@code maxSessions} run at once. */
        public Builder chunkedUploads(Duration expiry, int maxSessions) {
            this.chunks = new ChunkSettings(expiry, maxSessions);
            return this;
        }

        /** The fault switch the built emulator starts with (also reachable later through {@link MediaEmulator#faults()}). */
        public Faults faults() {
            return new Faults(faults);
        }

        FaultSwitch faultSwitch() {
            return faults;
        }

        public MediaEmulator build() {
            Path dir = dataDir.toAbsolutePath().normalize();
            GeneratedCredentials generated = GeneratedCredentials.loadOrCreate(dir, apiKey == null || apiSecret == null
                    || tokenKey == null);
            Settings settings;
            try {
                Credentials credentials = new Credentials(cloudName,
                        Optional.ofNullable(apiKey).orElse(generated.apiKey()),
                        Optional.ofNullable(apiSecret).orElse(generated.apiSecret()),
                        Optional.ofNullable(tokenKey).orElse(generated.tokenKey()));
                settings = new Settings(host, port, dir, credentials, Optional.ofNullable(publicBaseUri), maxUploadBytes,
                        notifications, processing, chunks);
            } catch (IllegalArgumentException e) {
                throw new MediaEmulatorException("Invalid media emulator configuration: " + e.getMessage(), e);
            }
            return new MediaEmulator(settings, faults, clock, MediaTools.resolve(ffmpeg, ffprobe, ffmpegCacheDir));
        }
    }
}
