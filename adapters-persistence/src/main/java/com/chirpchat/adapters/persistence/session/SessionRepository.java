package com.chirpchat.adapters.persistence.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.application.account.SessionId;
import com.chirpchat.application.account.SessionStorePort;
import com.chirpchat.domain.user.UserId;

/**
 * Sessions ({@code sessions}) and refresh token hashes ({@code refresh_tokens}). An exchange locks the presented
 * token's row ({@code FOR UPDATE}), so concurrent exchanges of one token take turns and only the first finds it
 * unused; the others see it rotated (a replay).
 */
public final class SessionRepository implements SessionStorePort {
    private static final String INSERT_SESSION = """
            INSERT INTO sessions (id, user_id, created_at) VALUES (CAST(:id AS UUID), CAST(:user AS UUID), :at)""";
    private static final String INSERT_TOKEN = """
            INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at)
            VALUES (:hash, CAST(:session AS UUID), :at, :expires)""";
    private static final String LOCK_TOKEN = """
            SELECT t.session_id, t.expires_at, t.rotated_at FROM refresh_tokens t WHERE t.token_hash = :hash FOR UPDATE""";
    private static final String SESSION = "SELECT user_id, revoked_at FROM sessions WHERE id = CAST(:id AS UUID)";
    private static final String ROTATE = "UPDATE refresh_tokens SET rotated_at = :at WHERE token_hash = :hash";
    private static final String REVOKE = """
            UPDATE sessions SET revoked_at = :at, revoked_reason = :reason
            WHERE id = CAST(:id AS UUID) AND revoked_at IS NULL""";
    private static final String LIVE_OF_USER = """
            SELECT id FROM sessions WHERE user_id = CAST(:user AS UUID) AND revoked_at IS NULL FOR UPDATE""";
    private static final String REVOKED_AFTER = """
            SELECT id, revoked_at FROM sessions WHERE revoked_at > :since ORDER BY revoked_at, id""";

    private static final String FORGET_TOKENS = """
            DELETE FROM refresh_tokens WHERE expires_at < :expired
            OR session_id IN (SELECT id FROM sessions WHERE revoked_at < :revoked)""";
    private static final String FORGET_SESSIONS = """
            DELETE FROM sessions WHERE revoked_at < :revoked
            OR (revoked_at IS NULL AND NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.session_id = sessions.id))""";

    private final Sql sql;

    public SessionRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void start(SessionId session, UserId user, RefreshToken first, Instant now) {
        sql.inTransaction(() -> {
            sql.update("insert-session", INSERT_SESSION, Params.of("id", session.value()).and("user", user.value()).and("at", now));
            insertToken(session, first, now);
            return null;
        });
    }

    @Override
    public Exchange exchange(String presentedHash, RefreshToken replacement, Instant now) {
        return sql.inTransaction(() -> {
            Optional<Presented> found = sql.one("lock-refresh-token", LOCK_TOKEN, Params.of("hash", presentedHash),
                                                row -> new Presented(new SessionId(Rows.uuid(row, "session_id")),
                                                                     Rows.instant(row, "expires_at"),
                                                                     Rows.optionalInstant(row, "rotated_at").isPresent()));
            if (found.isEmpty()) {
                return new Exchange.Unknown();
            }
            Presented token = found.get();
            Owner owner = sql.one("session-by-id", SESSION, Params.of("id", token.session().value()),
                                  row -> new Owner(new UserId(Rows.uuid(row, "user_id")),
                                                   Rows.optionalInstant(row, "revoked_at").isPresent()))
                    .orElseThrow(() -> new IllegalStateException("refresh token without session"));
            if (owner.revoked() || !now.isBefore(token.expiresAt())) {
                return new Exchange.Ended(token.session());
            }
            if (token.rotated()) {
                return new Exchange.Reused(token.session(), owner.user());
            }
            sql.update("rotate-refresh-token", ROTATE, Params.of("hash", presentedHash).and("at", now));
            insertToken(token.session(), replacement, now);
            return new Exchange.Exchanged(token.session(), owner.user());
        });
    }

    @Override
    public boolean revoke(SessionId session, String reason, Instant now) {
        return sql.update("revoke-session", REVOKE, Params.of("id", session.value()).and("reason", reason).and("at", now)) == 1;
    }

    @Override
    public List<SessionId> revokeAll(UserId user, String reason, Instant now) {
        return sql.inTransaction(() -> {
            List<SessionId> live = sql.list("live-sessions-of-user", LIVE_OF_USER, Params.of("user", user.value()),
                                            row -> new SessionId(Rows.uuid(row, "id")));
            live.forEach(session -> revoke(session, reason, now));
            return live;
        });
    }

    @Override
    public List<Revocation> revokedAfter(Instant since) {
        return sql.list("sessions-revoked-after", REVOKED_AFTER, Params.of("since", since),
                        row -> new Revocation(new SessionId(Rows.uuid(row, "id")), Rows.instant(row, "revoked_at")));
    }

    @Override
    public int forget(Instant expiredBefore, Instant revokedBefore) {
        return sql.inTransaction(() -> {
            Params params = Params.of("expired", expiredBefore).and("revoked", revokedBefore);
            long tokens = sql.update("forget-refresh-tokens", FORGET_TOKENS, params);
            return (int) (tokens + sql.update("forget-sessions", FORGET_SESSIONS, params));
        });
    }

    private void insertToken(SessionId session, RefreshToken token, Instant now) {
        sql.update("insert-refresh-token", INSERT_TOKEN, Params.of("hash", token.hash()).and("session", session.value())
                .and("at", now).and("expires", token.expiresAt()));
    }

    private record Presented(SessionId session, Instant expiresAt, boolean rotated) {
    }

    private record Owner(UserId user, boolean revoked) {
    }
}
