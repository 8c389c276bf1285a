package com.chirpchat.adapters.persistence.media;

import java.time.Instant;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Sql;

/**
 * Media store notifications already handled ({@code media_notifications}, the id as primary key). Recorded in
 * the chat change that applies the notification, so an id is only kept if that change commits.
 */
public final class Notifications {
    // ON CONFLICT DO NOTHING (PostgreSQL, and H2 in PostgreSQL mode): a repeat is an answer, not an error, and
    // on PostgreSQL a failed statement would poison the rest of the change. A repeat racing in another
    // transaction waits for it and then inserts nothing (repeats of one notification are about one asset, hence
    // one chat, so the chat's row lock already makes them take turns).
    private static final String INSERT = """
            INSERT INTO media_notifications (id, received_at) VALUES (:id, :at)
            ON CONFLICT DO NOTHING""";

    private static final String FORGET = "DELETE FROM media_notifications WHERE received_at < :cutoff";

    private Notifications() {
    }

    /** Forgets notifications recorded before {@code cutoff}; returns how many. */
    public static int forgetBefore(Sql sql, Instant cutoff) {
        return (int) sql.update("forget-notifications", FORGET, Params.of("cutoff", cutoff));
    }

    /** True when {@code notificationId} is new; false when it was recorded before. */
    public static boolean record(Sql sql, String notificationId, Instant at) {
        return sql.update("record-notification", INSERT, Params.of("id", notificationId).and("at", at)) == 1;
    }
}
