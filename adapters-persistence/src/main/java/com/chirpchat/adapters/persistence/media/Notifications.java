package com.chirpchat.adapters.persistence.media;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import com.chirpchat.adapters.persistence.db.InList;
import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.adapters.persistence.db.Sql;

/**
 * Media store notifications already handled ({@code media_notifications}, the id as primary key). Recorded in
 * the chat change that applies the notification, so an id is only kept if that change commits.
 */
public final class Notifications {
    // ON CONFLICT DO NOTHING (PostgreSQL, and H2 in PostgreSQL mode): a repeat changes nothing and is no error, as
    // on PostgreSQL a failed statement would poison the rest of the change. A repeat racing in another
    // transaction waits for it and then inserts nothing (repeats of one notification are about one asset, hence
    // one chat, so the chat's row lock already makes them take turns).
    private static final String INSERT = """
            INSERT INTO media_notifications (id, received_at) VALUES (:id, :at)
            ON CONFLICT DO NOTHING""";

    private static final String HANDLED = "SELECT id, received_at FROM media_notifications WHERE id IN ";

    private static final String FORGET = "DELETE FROM media_notifications WHERE received_at < :cutoff";

    private Notifications() {
    }

    /** Forgets notifications recorded before {@code cutoff}; returns how many. */
    public static int forgetBefore(Sql sql, Instant cutoff) {
        return (int) sql.update("forget-notifications", FORGET, Params.of("cutoff", cutoff));
    }

    /** Records the notification as handled; a repeat changes nothing (the first recording's time stays). */
    public static void record(Sql sql, String notificationId, Instant at) {
        sql.update("record-notification", INSERT, Params.of("id", notificationId).and("at", at));
    }

    /** Those of the notifications that were handled, with when. */
    public static Map<String, Instant> handled(Sql sql, Collection<String> ids) {
        Map<String, Instant> found = new HashMap<>();
        if (!ids.isEmpty()) {
            Params params = Params.none();
            String in = InList.of("n", ids, p -> p, id -> id, params);
            sql.list("handled-notifications", HANDLED + in, params, row -> Map.entry(Rows.string(row, "id"), Rows.instant(row, "received_at")))
                    .forEach(e -> found.put(e.getKey(), e.getValue()));
        }
        return found;
    }
}
