package com.chirpchat.application.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's list of ended sessions, so an access token of a logged-out session stops working at once
 * without a database read per request, and the sockets of such a session are closed. Sessions ended here are
 * added directly; those ended by other instances arrive through {@link #poll()}, which reads the sessions revoked
 * since the newest revocation it has seen (less a minute of overlap, for transactions that committed late and
 * for clocks of instances that differ a little), and never further back than tokens can still be valid, so the
 * read stays small however long nobody logs out. An entry is kept while access tokens of its session may still
 * be valid: its revocation time plus the token lifetime and the verifier's clock skew.
 */
public final class RevokedSessions {
    static final Duration OVERLAP = Duration.ofMinutes(1);
    private static final Duration SKEW = Duration.ofSeconds(30);

    private final SessionStorePort store;
    private final Clock clock;
    private final Duration keep;
    private final Map<SessionId, Instant> revoked = new ConcurrentHashMap<>();
    private volatile Instant newestSeen;

    /** @param tokenLifetime how long access tokens live: an ended session is remembered that long (plus skew) */
    public RevokedSessions(SessionStorePort store, Clock clock, Duration tokenLifetime) {
        this.store = store;
        this.clock = clock;
        this.keep = tokenLifetime.plus(SKEW);
    }

    public boolean isRevoked(SessionId session) {
        return revoked.containsKey(session);
    }

    /** A session this instance ended. */
    void add(SessionId session, Instant at) {
        revoked.put(session, at);
    }

    /**
     * Reads what other instances revoked and forgets entries whose tokens have all expired; returns how many
     * sessions it learnt of. The first poll reads everything revoked within the token lifetime.
     */
    public int poll() {
        Instant now = clock.instant();
        Instant forgetBefore = now.minus(keep);
        Instant seen = newestSeen;
        // from the newest revocation seen (not one from the future), but never from before tokens could still be valid
        Instant from = seen == null || seen.isBefore(forgetBefore) ? forgetBefore : min(seen, now);
        int learnt = 0;
        for (SessionStorePort.Revocation revocation : store.revokedAfter(from.minus(OVERLAP))) {
            if (!revocation.revokedAt().isBefore(forgetBefore)
                    && revoked.putIfAbsent(revocation.session(), revocation.revokedAt()) == null) {
                learnt++;
            }
            if (seen == null || revocation.revokedAt().isAfter(seen)) {
                seen = revocation.revokedAt();
            }
        }
        newestSeen = seen;
        revoked.values().removeIf(at -> at.isBefore(forgetBefore));
        return learnt;
    }

    /** Ended sessions remembered now (for tests and metrics). */
    public int size() {
        return revoked.size();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
