package com.chirpchat.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.chirpchat.application.media.MediaDeletionQueuePort;
import com.chirpchat.application.media.MediaDeletionTask;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.ledger.ChatChanges;
import com.chirpchat.domain.ledger.ChatWrite;
import com.chirpchat.domain.ledger.Concerns;
import com.chirpchat.domain.ledger.Outcome;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.user.User;
import io.helidon.dbclient.DbRow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The deletion queue as several server instances share it: each instance is its own {@link Persistence} (its
 * own pool) on one database. Claims must never hand a task to two workers, a dead worker's tasks must come back
 * when its lease runs out, and a claim must pass over tasks another claimer is holding instead of waiting.
 * Each test gets a fresh database, so it sees only its own tasks.
 */
abstract class DeletionQueueTest extends DatabaseTestBase {
    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(2);

    /** A new server instance on the test's database. */
    JdbcStore instance(int poolSize) {
        return instance(Map.of("pool-size", Integer.toString(poolSize))).store();
    }

    @Test
    void aDeadWorkersTasksComeBackWhenItsLeaseRunsOut() {
        Persistence first = database.open();
        JdbcStore a = first.store();
        List<String> keys = schedule(a, 5);

        List<MediaDeletionTask> claimedByA = a.claimDue(T0, LEASE, 10);
        assertThat(claimedByA).extracting(MediaDeletionTask::assetKey).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(claimedByA).extracting(MediaDeletionTask::attempts).containsOnly(1);
        // instance A dies holding its claims
        first.close();

        JdbcStore b = instance(2);
        assertThat(b.claimDue(T0.plus(LEASE).minusMillis(1), LEASE, 10)).as("A's lease still runs").isEmpty();
        List<MediaDeletionTask> recovered = b.claimDue(T0.plus(LEASE), LEASE, 10);
        assertThat(recovered).extracting(MediaDeletionTask::id)
                .containsExactlyInAnyOrderElementsOf(claimedByA.stream().map(MediaDeletionTask::id).toList());
        assertThat(recovered).extracting(MediaDeletionTask::attempts).as("A's attempt counts").containsOnly(2);
        assertThat(b.stats()).isEqualTo(new MediaDeletionQueuePort.Stats(5, 0));

        Instant now = T0.plus(LEASE);
        b.completed(recovered.get(0).id());
        b.completed(recovered.get(1).id());
        b.retryLater(recovered.get(2), now.plusSeconds(30), "media store timed out");
        b.retryLater(recovered.get(3), now.plusSeconds(60), "media store timed out");
        b.deadLetter(recovered.get(4), "asset is locked");
        assertThat(b.stats()).isEqualTo(new MediaDeletionQueuePort.Stats(2, 1));
        DbRow dead = task(recovered.get(4).id());
        assertThat(dead.column("dead").get(Boolean.class)).isTrue();
        assertThat(dead.column("last_error").get(String.class)).isEqualTo("asset is locked");
        assertThat(dead.column("locked_until").get(Object.class)).isNull();

        // a released task is due when asked, whoever asks, and the queue survives a restart
        JdbcStore restarted = instance(2);
        assertThat(restarted.claimDue(now.plusSeconds(29), LEASE, 10)).isEmpty();
        assertThat(restarted.claimDue(now.plusSeconds(30), LEASE, 10)).extracting(MediaDeletionTask::id, MediaDeletionTask::attempts)
                .containsExactly(tuple(recovered.get(2).id(), 3));
        assertThat(b.claimDue(now.plus(Duration.ofDays(365)), LEASE, 10)).extracting(MediaDeletionTask::id)
                .as("later, both retries are back (one's lease ran out too); completed and dead-lettered tasks never")
                .containsExactlyInAnyOrder(recovered.get(2).id(), recovered.get(3).id());
    }

    @Test
    void claimersOnSeveralInstancesNeverShareATask() throws Exception {
        int instances = 3;
        int claimersPerInstance = 4;
        List<JdbcStore> stores = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            stores.add(instance(claimersPerInstance));
        }
        Set<String> keys = new HashSet<>(schedule(stores.get(0), 600));

        // every task claimed exactly once while the lease holds; then, after it ran out, exactly once again
        for (Instant now : List.of(T0, T0.plus(LEASE))) {
            int attempt = now.equals(T0) ? 1 : 2;
            List<MediaDeletionTask> claimed = claimConcurrently(stores, claimersPerInstance, now, attempt == 2);
            assertThat(claimed).extracting(MediaDeletionTask::id).doesNotHaveDuplicates();
            assertThat(claimed).extracting(MediaDeletionTask::assetKey).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(claimed).extracting(MediaDeletionTask::attempts).containsOnly(attempt);
        }
        assertThat(stores.get(1).stats()).as("the second round completed every task").isEqualTo(new MediaDeletionQueuePort.Stats(0, 0));
    }

    @Test
    void aClaimPassesOverTasksAnotherClaimerIsHolding() throws Exception {
        JdbcStore store = instance(2);
        List<String> keys = schedule(store, 6);
        try (Connection other = database.connect()) {
            other.setAutoCommit(false);
            // another claimer is midway: it holds the row locks of the three oldest tasks
            Set<Long> held = new HashSet<>();
            try (PreparedStatement lock = other.prepareStatement(
                    "SELECT id FROM media_deletions ORDER BY id LIMIT 3 FOR UPDATE");
                 ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    held.add(rows.getLong(1));
                }
            }
            long started = System.nanoTime();
            List<MediaDeletionTask> mine = store.claimDue(T0, LEASE, 10);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no waiting for the other's locks")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(mine).hasSize(3).extracting(MediaDeletionTask::id).doesNotContainAnyElementsOf(held);
            other.rollback();
            assertThat(store.claimDue(T0, LEASE, 10)).extracting(MediaDeletionTask::id).containsExactlyInAnyOrderElementsOf(held);
        }
        assertThat(keys).hasSize(6);
    }

    /**
     * What the claim's exclusivity rests on, shown on the database itself: an UPDATE that had to wait for another
     * transaction's row lock re-checks its condition against the row that transaction committed, so a task
     * claimed meanwhile is not claimed twice. (The claim's SKIP LOCKED select normally keeps claimers off each
     * other's rows; this guard holds even when it does not.)
     */
    @Test
    void aClaimThatWaitedForARowRechecksItFirst() throws Exception {
        JdbcStore store = instance(2);
        schedule(store, 1);
        // the condition of DeletionQueue's claim statement
        String claim = """
                UPDATE media_deletions SET attempts = attempts + 1, locked_until = ?
                 WHERE NOT dead AND due_at <= ? AND (locked_until IS NULL OR locked_until <= ?)""";
        OffsetDateTime now = OffsetDateTime.ofInstant(T0, ZoneOffset.UTC);
        try (Connection first = database.connect(); Connection second = database.connect();
             Connection observer = database.connect()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            String secondSession = database.session(second);
            assertThat(runClaim(first, claim, now)).isEqualTo(1);
            ExecutorService waiting = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> late = waiting.submit(() -> runClaim(second, claim, now));
                // the database itself says the second claim is blocked on a lock: no guessing how long it takes to get there
                await().atMost(Duration.ofSeconds(30)).until(() -> database.waitsForALock(observer, secondSession) || late.isDone());
                assertThat(late.isDone()).as("the second claim waits for the first's row lock").isFalse();
                first.commit();
                assertThat(late.get(30, TimeUnit.SECONDS)).as("rows the second claim took").isZero();
                second.commit();
            } finally {
                waiting.shutdownNow();
            }
        }
        assertThat(store.claimDue(T0.plus(LEASE), LEASE, 10)).extracting(MediaDeletionTask::attempts).containsExactly(2);
    }

    private static int runClaim(Connection c, String claim, OffsetDateTime now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(claim)) {
            p.setObject(1, now.plus(LEASE));
            p.setObject(2, now);
            p.setObject(3, now);
            return p.executeUpdate();
        }
    }

    /**
     * Every store's claimers run at once, each claiming small batches until one comes back empty; the second
     * time round each also completes what it claimed, so the claims race with deletions. Returns all claims.
     */
    private static List<MediaDeletionTask> claimConcurrently(List<JdbcStore> stores, int perStore, Instant now, boolean complete)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(stores.size() * perStore);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<List<MediaDeletionTask>>> claimers = new ArrayList<>();
            for (JdbcStore store : stores) {
                for (int i = 0; i < perStore; i++) {
                    claimers.add(() -> {
                        start.await();
                        List<MediaDeletionTask> mine = new ArrayList<>();
                        // empty means every task still claimable is held by a claim in flight, which will take it
                        for (List<MediaDeletionTask> batch = store.claimDue(now, LEASE, 7); !batch.isEmpty();
                             batch = store.claimDue(now, LEASE, 7)) {
                            mine.addAll(batch);
                            if (complete) {
                                batch.forEach(t -> store.completed(t.id()));
                            }
                        }
                        return mine;
                    });
                }
            }
            List<Future<List<MediaDeletionTask>>> running = claimers.stream().map(pool::submit).toList();
            start.countDown();
            List<MediaDeletionTask> all = new ArrayList<>();
            for (Future<List<MediaDeletionTask>> f : running) {
                all.addAll(f.get(3, TimeUnit.MINUTES));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Queues {@code n} deletions through chat changes (as the application does); returns their keys. */
    private static List<String> schedule(JdbcStore store, int n) {
        User owner = StoreBehaviourTest.registered(store, "owner");
        Chat chat = StoreBehaviourTest.newChat(store, owner);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add("chats/" + chat.id() + "/" + UUID.randomUUID());
        }
        // a few changes of up to 100 tasks each, due at T0 - i ms so the claim order is not the insertion order
        for (int from = 0; from < n; from += 100) {
            List<String> slice = keys.subList(from, Math.min(n, from + 100));
            int offset = from;
            List<ChatWrite> writes = new ArrayList<>();
            for (int i = 0; i < slice.size(); i++) {
                writes.add(new ChatWrite.QueueAssetDeletion(slice.get(i), ResourceType.values()[i % 4], T0.minusMillis(offset + i)));
            }
            store.change(chat.id(), Concerns.NONE, state -> new Outcome.Accepted<>(Boolean.TRUE, state, new ChatChanges(writes, List.of())));
        }
        return keys;
    }

    private DbRow task(long id) {
        Persistence reader = instance(Map.of());
        return reader.dbClient().execute().createGet("SELECT * FROM media_deletions WHERE id = :id").addParam("id", id)
                .execute().orElseThrow();
    }
}
