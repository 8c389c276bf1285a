package com.chirpchat.emulator.server;

import com.chirpchat.emulator.decode.PictureDecoder;
import com.chirpchat.emulator.delivery.DeliveryEndpoint;
import com.chirpchat.emulator.delivery.DeliveryUrls;
import com.chirpchat.emulator.delivery.DownloadEndpoint;
import com.chirpchat.emulator.derive.DerivationService;
import com.chirpchat.emulator.derive.Processors;
import com.chirpchat.emulator.fault.FaultSwitch;
import com.chirpchat.emulator.fault.FaultsEndpoint;
import com.chirpchat.emulator.ffmpeg.Ffmpeg;
import com.chirpchat.emulator.image.ImageProcessor;
import com.chirpchat.emulator.manage.AdminEndpoint;
import com.chirpchat.emulator.manage.DestroyEndpoint;
import com.chirpchat.emulator.notify.Notifier;
import com.chirpchat.emulator.probe.MediaProbe;
import com.chirpchat.emulator.settings.Settings;
import com.chirpchat.emulator.store.AssetStore;
import com.chirpchat.emulator.upload.EagerBatches;
import com.chirpchat.emulator.upload.UploadEndpoint;
import com.chirpchat.emulator.upload.UploadService;
import com.chirpchat.emulator.video.VideoProcessor;
import com.chirpchat.emulator.view.AssetViews;
import com.chirpchat.emulator.web.ApiException;
import com.chirpchat.emulator.web.Cors;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static com.chirpchat.emulator.web.ApiHandlers.api;
import static com.chirpchat.emulator.web.ApiHandlers.local;

/** Wires the emulator's parts by hand and runs them on one Helidon WebServer. */
public final class EmulatorServer {

    private static final Header NOSNIFF = HeaderValues.create(HeaderNames.create("X-Content-Type-Options"), "nosniff");

    private final Settings settings;
    private final FaultSwitch faults;
    private final Clock clock;
    private final Ffmpeg ffmpeg;
    private WebServer server;
    private DerivationService derivations;
    private Notifier notifier;
    private EagerBatches batches;
    private UploadService uploads;
    private ScheduledExecutorService housekeeping;
    private volatile String baseUri = "";

    public EmulatorServer(Settings settings, FaultSwitch faults, Clock clock, Ffmpeg ffmpeg) {
        this.settings = settings;
        this.faults = faults;
        this.clock = clock;
        this.ffmpeg = ffmpeg;
    }

    public void start() {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data folder " + settings.dataDir(), e);
        }
        var credentials = settings.credentials();
        AssetStore store = new AssetStore(settings.dataDir());
        var processing = settings.processing();
        PictureDecoder pictures = new PictureDecoder(ffmpeg, store.tempDir());
        MediaProbe probe = new MediaProbe(ffmpeg, pictures);
        derivations = new DerivationService(store, new Processors(new ImageProcessor(pictures, ffmpeg), new VideoProcessor(ffmpeg, probe)),
                faults, processing.workers(), processing.queueCapacity(), processing.timeout());
        notifier = new Notifier(settings.dataDir(), credentials.apiSecret(), settings.notifications(), faults);
        DeliveryUrls urls = new DeliveryUrls(() -> baseUri, credentials.cloudName(), credentials.apiSecret());
        AssetViews views = new AssetViews(urls, credentials.apiKey(), credentials.apiSecret());
        batches = new EagerBatches(store, derivations, notifier, views);
        uploads = new UploadService(credentials, store, probe, derivations, batches, notifier, views,
                settings.chunks(), settings.maxUploadBytes());

        UploadEndpoint upload = new UploadEndpoint(uploads, credentials, faults, store.tempDir(), settings.maxUploadBytes());
        DestroyEndpoint destroy = new DestroyEndpoint(credentials, store, faults);
        AdminEndpoint admin = new AdminEndpoint(credentials, store, views, faults);
        DownloadEndpoint download = new DownloadEndpoint(credentials, store, derivations, faults, clock);
        DeliveryEndpoint delivery = new DeliveryEndpoint(credentials, store, derivations, faults, clock,
                settings.strictTransformations());
        FaultsEndpoint faultsEndpoint = new FaultsEndpoint(faults);

        HttpRouting.Builder routing = HttpRouting.builder()
                // no response of this origin is ever sniffed into something it was not sent as (an uploaded HTML
                // file served as a document, a JSON error as a script)
                .addFilter((chain, req, res) -> {
                    res.header(NOSNIFF);
                    chain.proceed();
                })
                .options(Cors::preflight);
        if (settings.faultSwitchOverHttp()) {
            routing.get("/_emulator/faults", local(faultsEndpoint::get))
                    .post("/_emulator/faults", local(faultsEndpoint::post))
                    .delete("/_emulator/faults", local(faultsEndpoint::delete));
        }
        routing.any("/_emulator/*", local((req, res) -> {
                    throw ApiException.notFound("The fault switch is not enabled over HTTP (faults.http=true)");
                }))
                .post("/v1_1/{cloud}/{resource_type}/upload", api(upload::handle))
                .post("/v1_1/{cloud}/{resource_type}/destroy", api(destroy::handle))
                .get("/v1_1/{cloud}/{resource_type}/download", api(download::handle))
                .head("/v1_1/{cloud}/{resource_type}/download", api(download::handle))
                .get("/v1_1/{cloud}/ping", api(admin::ping))
                .delete("/v1_1/{cloud}/resources/{resource_type}/{type}", api(admin::deleteResources))
                .get("/v1_1/{cloud}/resources/{resource_type}/{type}/{+public_id}", api(admin::resource))
                .any("/v1_1/*", api((req, res) -> {
                    throw ApiException.notFound("Unsupported API call " + req.prologue().method() + " " + req.path().path());
                }))
                .route(Method.GET, delivery::handle)
                .route(Method.HEAD, delivery::handle)
                .any(api((req, res) -> {
                    throw ApiException.notFound("Not found");
                }));

        server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .shutdownGracePeriod(Duration.ofMillis(200))
                .routing(routing)
                .build()
                .start();
        baseUri = settings.publicBaseUri().map(u -> u.toString().replaceAll("/+$", ""))
                .orElse("http://" + urlHost(settings.host()) + ":" + server.port());

        notifier.start();
        batches.resumePending();
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "media-housekeeping");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1000, Math.min(60_000, settings.chunks().expiry().toMillis() / 2));
        housekeeping.scheduleWithFixedDelay(uploads::sweepChunks, every, every, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        if (uploads != null) {
            uploads.close();
        }
        if (batches != null) {
            batches.close();
        }
        if (derivations != null) {
            derivations.close();
        }
        if (notifier != null) {
            notifier.close();
        }
    }

    public boolean isRunning() {
        return server != null && server.isRunning();
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
    }

    public String baseUri() {
        return baseUri;
    }

    /** @return notifications not yet delivered (for tests and diagnostics) */
    public int pendingNotifications() {
        return notifier == null ? 0 : notifier.pendingCount();
    }

    private static String urlHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
            return "127.0.0.1";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
