package com.chirpchat.bootstrap;

import java.util.ArrayList;
import java.util.List;

import com.chirpchat.adapters.http.HttpApi;
import com.chirpchat.adapters.persistence.JdbcStore;
import com.chirpchat.application.event.CommitWatch;
import com.chirpchat.application.event.LiveEventRouter;
import com.chirpchat.application.media.MediaDeletionWorker;

import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

/** ChirpChat's own metrics, served with Helidon's at /observe/metrics. */
final class Gauges {
    private Gauges() {
    }

    /** Registers the instance's meters, tagged with {@code instance} (several instances may share a JVM in tests). */
    static AutoCloseable register(String instance, HttpApi api, MediaDeletionWorker deletions, LiveEventRouter router,
                                  CommitWatch commits, JdbcStore store) {
        Registry registry = new Registry(Metrics.globalRegistry(), List.of(Tag.create("instance", instance)), new ArrayList<>());
        registry.add(Gauge.builder("chirpchat.websocket.connections", api::webSocketConnections)
                                     .description("Open WebSocket connections"));
        registry.add(Gauge.builder("chirpchat.live.chats", router::activeChats)
                                     .description("Chats with listeners on this instance"));
        registry.add(FunctionalCounter.builder("chirpchat.live.reordered", router, LiveEventRouter::reorderedEvents)
                                     .description("Events that overtook others and were held until those arrived"));
        registry.add(FunctionalCounter.builder("chirpchat.live.gap.fills", router, LiveEventRouter::gapFills)
                                     .description("Gaps in a chat's events filled from storage (fanout lost or delayed events)"));
        registry.add(FunctionalCounter.builder("chirpchat.live.replayed", router, LiveEventRouter::replayedEvents)
                                     .description("Events delivered from storage instead of the fanout"));
        registry.add(FunctionalCounter.builder("chirpchat.live.commit.catchups", commits, CommitWatch::caughtUp)
                                     .description("Chats found behind their newest committed event and caught up (its publisher died, or the fanout lost it)"));
        registry.add(FunctionalCounter.builder("chirpchat.db.batches", store, JdbcStore::batches)
                                     .description("Chats' batches the writers stored (group commit), alone or across chats"));
        registry.add(FunctionalCounter.builder("chirpchat.db.batched.changes", store, JdbcStore::batchedChanges)
                                     .description("Chat changes those transactions held: ÷ batches = the mean batch size"));
        registry.add(FunctionalCounter.builder("chirpchat.db.split.batches", store, JdbcStore::splitBatches)
                                     .description("Batches stored change by change because one change was refused"));
        registry.add(FunctionalCounter.builder("chirpchat.db.cross.transactions", store, JdbcStore::crossTransactions)
                                     .description("Transactions that stored several chats' batches together (batch-chats)"));
        registry.add(FunctionalCounter.builder("chirpchat.db.cross.chats", store, JdbcStore::crossChats)
                                     .description("Chats' batches those transactions held: ÷ cross transactions = chats per transaction"));
        registry.add(FunctionalCounter.builder("chirpchat.db.cross.skipped", store, JdbcStore::crossSkippedChats)
                                     .description("Chats a transaction across chats passed over (locked by another instance), then stored alone"));
        registry.add(FunctionalCounter.builder("chirpchat.db.cross.splits", store, JdbcStore::crossSplits)
                                     .description("Transactions across chats stored chat by chat because one chat's changes were refused"));
        registry.add(Gauge.builder("chirpchat.media.deletions.pending", () -> deletions.queueStats().pending())
                                     .description("Media deletions waiting (all instances)"));
        registry.add(Gauge.builder("chirpchat.media.deletions.dead", () -> deletions.queueStats().deadLettered())
                                     .description("Media deletions given up on (all instances); see the logs"));
        registry.add(FunctionalCounter.builder("chirpchat.media.deletions.done", deletions, MediaDeletionWorker::deleted)
                                     .description("Media assets deleted by this instance"));
        registry.add(FunctionalCounter.builder("chirpchat.media.deletions.retried", deletions, MediaDeletionWorker::retried)
                                     .description("Media deletion attempts that failed and will be retried"));
        registry.add(FunctionalCounter.builder("chirpchat.media.deletions.dead.lettered", deletions, MediaDeletionWorker::deadLettered)
                                     .description("Media deletions this instance gave up on"));
        // a closed instance's meters would read closed resources: they go with it
        return () -> registry.added().forEach(registry.registry()::remove);
    }

    private record Registry(MeterRegistry registry, List<Tag> tags, List<Meter> added) {
        <M extends Meter, B extends Meter.Builder<B, M>> void add(B builder) {
            added.add(registry.getOrCreate(builder.tags(tags)));
        }
    }
}
