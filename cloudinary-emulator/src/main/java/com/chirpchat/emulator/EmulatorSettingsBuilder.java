package com.chirpchat.emulator;

import com.chirpchat.emulator.fault.FaultSwitch;
import com.chirpchat.emulator.settings.ChunkSettings;
import com.chirpchat.emulator.settings.Credentials;
import com.chirpchat.emulator.settings.NotificationSettings;
import com.chirpchat.emulator.settings.ProcessingSettings;
import com.chirpchat.emulator.settings.Settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings half of {@link MediaEmulator.Builder}, its only subclass: every setting with its zero-setup default,
 * and how they become {@link Settings}. Kept apart so the emulator's own class stays about the emulator; the
 * setters return {@code MediaEmulator.Builder} (javac gives the builder public bridges), so the public API is the
 * builder's alone.
 */
abstract class EmulatorSettingsBuilder {
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
    private boolean faultSwitchOverHttp;
    private boolean strictTransformations;
    private Clock clock = Clock.systemUTC();

    /** Interface to bind; {@code 127.0.0.1} by default. */
    public MediaEmulator.Builder host(String host) {
        this.host = Objects.requireNonNull(host);
        return self();
    }

    /** Port to bind; 0 (the default) picks an ephemeral one. */
    public MediaEmulator.Builder port(int port) {
        this.port = port;
        return self();
    }

    /** Folder for assets, derived files, chunk state and the notification outbox; {@code data/media} by default. */
    public MediaEmulator.Builder dataDir(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir);
        return self();
    }

    public MediaEmulator.Builder cloudName(String cloudName) {
        this.cloudName = Objects.requireNonNull(cloudName);
        return self();
    }

    /** API key; generated once and kept in {@code <dataDir>/credentials.json} when not set. */
    public MediaEmulator.Builder apiKey(String apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey);
        return self();
    }

    /** API secret; generated once and kept in {@code <dataDir>/credentials.json} when not set. */
    public MediaEmulator.Builder apiSecret(String apiSecret) {
        this.apiSecret = Objects.requireNonNull(apiSecret);
        return self();
    }

    /** Hex key of {@code __cld_token__} HMACs; generated once and kept when not set. */
    public MediaEmulator.Builder tokenKey(String tokenKey) {
        this.tokenKey = Objects.requireNonNull(tokenKey);
        return self();
    }

    /** Base written into {@code url}/{@code secure_url} when clients reach the emulator through another address. */
    public MediaEmulator.Builder publicBaseUri(URI publicBaseUri) {
        this.publicBaseUri = Objects.requireNonNull(publicBaseUri);
        return self();
    }

    /** Largest accepted file (whole or chunked); 100 MB by default. */
    public MediaEmulator.Builder maxUploadBytes(long maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
        return self();
    }

    /** {@code SHA1} (default, like Cloudinary) or {@code SHA256} for {@code X-Cld-Signature}. */
    public MediaEmulator.Builder notificationSignatureAlgorithm(String algorithm) {
        this.notifications = new NotificationSettings(algorithm, notifications.maxAttempts(),
                notifications.initialBackoff(), notifications.maxBackoff(), notifications.requestTimeout());
        return self();
    }

    /** Delivery attempts per notification and the backoff between them (doubling from {@code initial} up to {@code max}). */
    public MediaEmulator.Builder notificationRetries(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this.notifications = new NotificationSettings(notifications.algorithm(), maxAttempts, initialBackoff, maxBackoff,
                notifications.requestTimeout());
        return self();
    }

    public MediaEmulator.Builder notificationTimeout(Duration requestTimeout) {
        this.notifications = new NotificationSettings(notifications.algorithm(), notifications.maxAttempts(),
                notifications.initialBackoff(), notifications.maxBackoff(), requestTimeout);
        return self();
    }

    /** Concurrent transformations and how many may wait; 2 and 256 by default. */
    public MediaEmulator.Builder processingWorkers(int workers, int queueCapacity) {
        this.processing = new ProcessingSettings(workers, queueCapacity, processing.timeout());
        return self();
    }

    /** Longest one ffmpeg/ffprobe run may take; 5 minutes by default. */
    public MediaEmulator.Builder processingTimeout(Duration timeout) {
        this.processing = new ProcessingSettings(processing.workers(), processing.queueCapacity(), timeout);
        return self();
    }

    /**
     * The ffmpeg and ffprobe executables (absolute paths or names on the PATH) to use instead of the bundled
     * build; either may be empty, and is then taken from beside the other.
     */
    public MediaEmulator.Builder ffmpeg(Optional<String> ffmpeg, Optional<String> ffprobe) {
        this.ffmpeg = ffmpeg.filter(v -> !v.isBlank());
        this.ffprobe = ffprobe.filter(v -> !v.isBlank());
        return self();
    }

    /** Where the bundled ffmpeg build is extracted (once); {@link MediaTools#defaultCacheDir()} by default. */
    public MediaEmulator.Builder ffmpegCacheDir(Path dir) {
        this.ffmpegCacheDir = Objects.requireNonNull(dir);
        return self();
    }

    /** What "now" is when delivery tokens and download links are checked for expiry; the system clock by default. */
    public MediaEmulator.Builder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return self();
    }

    /** Abandoned chunked uploads are deleted after {@code expiry}; at most {@code maxSessions} run at once. */
    public MediaEmulator.Builder chunkedUploads(Duration expiry, int maxSessions) {
        this.chunks = new ChunkSettings(expiry, maxSessions);
        return self();
    }

    /**
     * Whether the fault switch answers over HTTP ({@code /_emulator/faults}, loopback callers only, JSON bodies only,
     * no foreign {@code Origin}); off by default, when the path is 404. The Java switch ({@link #faults()}) always works.
     */
    public MediaEmulator.Builder faultSwitchOverHttp(boolean enabled) {
        this.faultSwitchOverHttp = enabled;
        return self();
    }

    /**
     * Cloudinary's <em>strict transformations</em> account setting: derived files are delivered only when they were
     * made eagerly at upload (or already exist); any other transformation in a delivery URL is refused (401) and
     * nothing is rendered for it. Off by default, as for a new Cloudinary account.
     */
    public MediaEmulator.Builder strictTransformations(boolean strict) {
        this.strictTransformations = strict;
        return self();
    }

    /** The fault switch the built emulator starts with (also reachable later through {@link MediaEmulator#faults()}). */
    public Faults faults() {
        return new Faults(faults);
    }

    FaultSwitch faultSwitch() {
        return faults;
    }

    private MediaEmulator.Builder self() {
        return (MediaEmulator.Builder) this;
    }

    /** @return the settings this builder describes (credentials generated and kept when not given) */
    Settings settings() {
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
                    notifications, processing, chunks, faultSwitchOverHttp, strictTransformations);
        } catch (IllegalArgumentException e) {
            throw new MediaEmulatorException("Invalid media emulator configuration: " + e.getMessage(), e);
        }
        return settings;
    }

    /** @return the configured ffmpeg/ffprobe, or the bundled build (extracted once) */
    MediaTools tools() {
        return MediaTools.resolve(ffmpeg, ffprobe, ffmpegCacheDir);
    }

    Clock configuredClock() {
        return clock;
    }
}
