package com.chirpchat.adapters.persistence.media;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.application.media.MediaDeletionQueuePort;
import com.chirpchat.application.media.MediaDeletionTask;
import com.chirpchat.domain.media.ResourceType;

/**
 * The media deletion queue in {@code media_deletions}, shared by every instance using the database.
 * <p>
 * A claim is one short transaction of three statements, the same on PostgreSQL and H2 (2.3 has
 * {@code SKIP LOCKED} too):
 * <ol>
 *     <li>{@code SELECT ... FOR UPDATE SKIP LOCKED} picks due, unclaimed tasks and row-locks them, passing over
 *     rows another claimer has locked, so concurrent claimers take different tasks instead of queueing;</li>
 *     <li>a conditional {@code UPDATE} of those ids, repeating the "due and unclaimed" condition, counts the attempt,
 *     sets the lease and stamps them with a fresh claim id. This is what makes claims exclusive: an UPDATE that
 *     meets a row locked by another transaction waits, then re-checks its condition against the committed row
 *     (PostgreSQL's read-committed re-check, H2's the same), so a task claimed meanwhile is left alone;</li>
 *     <li>the rows carrying this claim id are read back: exactly the tasks this claim took.</li>
 * </ol>
 * A lease that runs out makes the task claimable again (a worker that died leaves nothing stranded); a worker still
 * at it renews its lease ({@link #renew}), fenced by the attempt number like a retry.
 */
public final class DeletionQueue implements MediaDeletionQueuePort {
    /** Tasks per claim at most: the ids travel as an IN list, far below both databases' parameter limits. */
    static final int MAX_CLAIM = 500;
    /** {@code last_error}'s size; longer errors are cut. */
    static final int MAX_ERROR = 2000;

    private static final String INSERT = """
            INSERT INTO media_deletions (asset_key, resource_type, created_at, due_at, attempts, dead)
            VALUES (:key, :type, :at, :at, 0, FALSE)""";
    // the same condition picks tasks and guards the claim (fixed text, spliced in with formatted(); values are parameters)
    private static final String CLAIMABLE = "NOT dead AND due_at <= :now AND (locked_until IS NULL OR locked_until <= :now)";
    // served by media_deletions_due_idx (dead, due_at)
    private static final String DUE = """
            SELECT id FROM media_deletions
             WHERE %s
             ORDER BY due_at, id
             LIMIT :max
             FOR UPDATE SKIP LOCKED""".formatted(CLAIMABLE);
    // completed with the id list: "(:id0, :id1, ...)"
    private static final String CLAIM = """
            UPDATE media_deletions
               SET attempts = attempts + 1, locked_until = :until, claim_id = CAST(:claim AS UUID)
             WHERE %s AND id IN\s""".formatted(CLAIMABLE);
    private static final String CLAIMED = """
            SELECT id, asset_key, resource_type, attempts
              FROM media_deletions
             WHERE claim_id = CAST(:claim AS UUID) AND id IN\s""";
    // the attempt fences it like a retry; a released (retry later) or dead task is not the claim's any more
    private static final String RENEW = """
            UPDATE media_deletions SET locked_until = :until
             WHERE id = :id AND attempts = :attempts AND NOT dead AND locked_until IS NOT NULL""";
    private static final String COMPLETED = "DELETE FROM media_deletions WHERE id = :id";
    private static final String RETRY = """
            UPDATE media_deletions SET due_at = :due, locked_until = NULL, claim_id = NULL, last_error = :error
             WHERE id = :id AND attempts = :attempts""";
    private static final String DEAD = """
            UPDATE media_deletions SET dead = TRUE, locked_until = NULL, claim_id = NULL, last_error = :error
             WHERE id = :id AND attempts = :attempts""";
    private static final String STATS = """
            SELECT COUNT(CASE WHEN dead THEN 1 END) AS dead_tasks, COUNT(CASE WHEN NOT dead THEN 1 END) AS pending_tasks
              FROM media_deletions""";

    private final Sql sql;

    public DeletionQueue(Sql sql) {
        this.sql = sql;
    }

    /** Queues a task due at {@code at}, in the caller's transaction (a chat change): it commits, or not, with it. */
    public static void schedule(Sql sql, String assetKey, ResourceType type, Instant at) {
        sql.update("schedule-media-deletion", INSERT, Params.of("key", assetKey).and("type", type.wireName()).and("at", at));
    }

    @Override
    public List<MediaDeletionTask> claimDue(Instant now, Duration lease, int max) {
        if (max <= 0) {
            return List.of();
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive");
        }
        UUID claim = UUID.randomUUID();
        return sql.inTransaction(() -> {
            List<Long> due = sql.list("due-media-deletions", DUE,
                                      Params.of("now", now).and("max", Math.min(max, MAX_CLAIM)),
                                      row -> Rows.longValue(row, "id"));
            if (due.isEmpty()) {
                return List.of();
            }
            Params params = Params.of("now", now).and("until", now.plus(lease)).and("claim", claim);
            String ids = idList(due, params);
            sql.update("claim-media-deletions", CLAIM + ids, params);
            return sql.list("claimed-media-deletions", CLAIMED + ids + " ORDER BY due_at, id", params,
                            row -> new MediaDeletionTask(Rows.longValue(row, "id"), Rows.string(row, "asset_key"),
                                                         ResourceType.parse(Rows.string(row, "resource_type")),
                                                         (int) Rows.longValue(row, "attempts")));
        });
    }

    @Override
    public boolean renew(MediaDeletionTask task, Instant until) {
        return sql.update("renew-media-deletion", RENEW, Params.of("id", task.id()).and("attempts", task.attempts())
                .and("until", until)) == 1;
    }

    @Override
    public void completed(long taskId) {
        sql.update("complete-media-deletion", COMPLETED, Params.of("id", taskId));
    }

    @Override
    public void retryLater(MediaDeletionTask task, Instant dueAt, String lastError) {
        // the attempt number fences the update: a worker whose lease ran out can't undo a newer claim
        sql.update("retry-media-deletion", RETRY, Params.of("id", task.id()).and("attempts", task.attempts()).and("due", dueAt)
                .and("error", cut(lastError)));
    }

    @Override
    public void deadLetter(MediaDeletionTask task, String lastError) {
        sql.update("dead-letter-media-deletion", DEAD, Params.of("id", task.id()).and("attempts", task.attempts())
                .and("error", cut(lastError)));
    }

    @Override
    public Stats stats() {
        return sql.one("media-deletion-stats", STATS, Params.none(),
                       row -> new Stats(Rows.longValue(row, "pending_tasks"), Rows.longValue(row, "dead_tasks")))
                .orElse(new Stats(0, 0));
    }

    /** One named placeholder per id (the statement text varies with the count, never with the values). */
    private static String idList(List<Long> ids, Params params) {
        StringJoiner placeholders = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < ids.size(); i++) {
            placeholders.add(":id" + i);
            params.and("id" + i, ids.get(i));
        }
        return placeholders.toString();
    }

    /** The error, cut to fit {@code last_error} without splitting a surrogate pair. */
    static String cut(String error) {
        if (error == null || error.length() <= MAX_ERROR) {
            return error;
        }
        int end = Character.isHighSurrogate(error.charAt(MAX_ERROR - 1)) ? MAX_ERROR - 1 : MAX_ERROR;
        return error.substring(0, end);
    }
}
