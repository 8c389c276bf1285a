package com.chirpchat.emulator.notify;

import com.chirpchat.emulator.auth.NotificationSignatures;
import com.chirpchat.emulator.fault.FaultSwitch;
import com.chirpchat.emulator.settings.NotificationSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers webhook notifications like Cloudinary: a JSON POST signed with {@code X-Cld-Timestamp} and
 * {@code X-Cld-Signature} (hex digest of body + timestamp + API secret), retried with exponential backoff on
 * non-2xx answers and network errors, a bounded number of times. Notifications wait in a file outbox, so they
 * survive a restart; each attempt is signed with a fresh timestamp.
 */
public final class Notifier implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());
    private static final int MAX_OUTBOX = 10_000;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Path outbox;
    private final String apiSecret;
    private final NotificationSettings settings;
    private final FaultSwitch faults;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Outgoing> withheld = new ConcurrentHashMap<>();
    private final Map<String, Outgoing> pending = new ConcurrentHashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();

    public Notifier(Path dataDir, String apiSecret, NotificationSettings settings, FaultSwitch faults) {
        this.outbox = dataDir.resolve("outbox");
        this.apiSecret = apiSecret;
        this.settings = settings;
        this.faults = faults;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance with the receiving web server
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "notifier");
            t.setDaemon(true);
            return t;
        });
        try {
            Files.createDirectories(outbox);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create notification outbox " + outbox, e);
        }
        faults.onNotificationModeChange(this::releaseWithheld);
    }

    /** Picks up notifications left in the outbox by a previous run. */
    public void start() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(outbox, "*.json")) {
            for (Path f : files) {
                try {
                    Outgoing o = mapper.readValue(f.toFile(), Outgoing.class);
                    pending.put(o.id(), o);
                    schedule(o, Duration.ZERO);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "Dropping unreadable outbox entry " + f + ": " + e.getMessage());
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Queues a notification; the body is serialized once and sent byte-for-byte on every attempt. */
    public void send(String url, Object body) {
        if (pending.size() >= MAX_OUTBOX) {
            LOG.log(Level.WARNING, "Notification outbox full; dropping notification to " + url);
            abandoned.incrementAndGet();
            return;
        }
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Outgoing o = new Outgoing(Instant.now().toEpochMilli() + "-" + UUID.randomUUID(), url, json, 0);
        persist(o);
        pending.put(o.id(), o);
        schedule(o, Duration.ZERO);
    }

    /** @return notifications not yet delivered or given up (including withheld ones) */
    public int pendingCount() {
        return pending.size();
    }

    public long deliveredCount() {
        return delivered.get();
    }

    public long abandonedCount() {
        return abandoned.get();
    }

    private void schedule(Outgoing o, Duration delay) {
        try {
            scheduler.schedule(() -> attempt(o), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down: the outbox file keeps it for the next start
        }
    }

    private void attempt(Outgoing o) {
        FaultSwitch.NotificationMode mode = faults.notificationMode();
        if (mode == FaultSwitch.NotificationMode.WITHHOLD) {
            withheld.put(o.id(), o);
            return;
        }
        if (mode == FaultSwitch.NotificationMode.DROP) {
            LOG.log(Level.INFO, "Dropping notification to " + o.url() + " (fault switch)");
            finish(o);
            abandoned.incrementAndGet();
            return;
        }
        Outgoing current = o.attempted();
        boolean ok = post(current, mode == FaultSwitch.NotificationMode.BAD_SIGNATURE);
        if (ok) {
            delivered.incrementAndGet();
            finish(current);
            return;
        }
        if (current.attempts() >= settings.maxAttempts()) {
            LOG.log(Level.WARNING, "Giving up notification to " + o.url() + " after " + current.attempts() + " attempts");
            abandoned.incrementAndGet();
            finish(current);
            return;
        }
        persist(current);
        pending.put(current.id(), current);
        schedule(current, backoff(current.attempts()));
    }

    private boolean post(Outgoing o, boolean badSignature) {
        byte[] body = o.body().getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature = NotificationSignatures.sign(body, timestamp, apiSecret, settings.algorithm());
        if (badSignature) {
            signature = NotificationSignatures.sign(body, timestamp, apiSecret + "-wrong", settings.algorithm());
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(o.url()))
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Cloudinary emulator (ChirpChat)")
                    .header("X-Cld-Timestamp", timestamp)
                    .header("X-Cld-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            boolean ok = response.statusCode() / 100 == 2;
            if (!ok) {
                LOG.log(Level.INFO, "Notification to " + o.url() + " answered " + response.statusCode()
                        + " (attempt " + o.attempts() + ")");
            }
            return ok;
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.INFO, "Notification to " + o.url() + " failed: " + e + " (attempt " + o.attempts() + ")");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Duration backoff(int attempts) {
        long initial = settings.initialBackoff().toMillis();
        long max = settings.maxBackoff().toMillis();
        long d = initial << Math.min(20, Math.max(0, attempts - 1));
        return Duration.ofMillis(Math.min(max, d));
    }

    private void releaseWithheld() {
        if (faults.notificationMode() == FaultSwitch.NotificationMode.WITHHOLD) {
            return;
        }
        for (Outgoing o : withheld.values()) {
            if (withheld.remove(o.id(), o)) {
                schedule(o, Duration.ZERO);
            }
        }
    }

    private void finish(Outgoing o) {
        pending.remove(o.id());
        try {
            Files.deleteIfExists(outbox.resolve(o.id() + ".json"));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not remove outbox entry " + o.id());
        }
    }

    private void persist(Outgoing o) {
        try {
            Path target = outbox.resolve(o.id() + ".json");
            Path temp = outbox.resolve(o.id() + ".tmp");
            mapper.writeValue(temp.toFile(), o);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write notification outbox", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
