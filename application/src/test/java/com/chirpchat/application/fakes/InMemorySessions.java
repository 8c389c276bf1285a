package com.chirpchat.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.chirpchat.application.account.SessionId;
import com.chirpchat.application.account.SessionStorePort;
import com.chirpchat.domain.user.UserId;

/** Sessions in memory, one lock for all (what the database's row lock does for a token). */
public final class InMemorySessions implements SessionStorePort {
    private final Map<SessionId, Session> sessions = new HashMap<>();
    private final Map<String, Token> tokens = new HashMap<>();

    private static final class Session {
        final UserId user;
        Instant revokedAt;

        Session(UserId user) {
            this.user = user;
        }
    }

    private record Token(SessionId session, Instant expiresAt, boolean used) {
    }

    @Override
    public synchronized void start(SessionId session, UserId user, RefreshToken first, Instant now) {
        if (sessions.putIfAbsent(session, new Session(user)) != null) {
            throw new IllegalStateException("session exists: " + session);
        }
        tokens.put(first.hash(), new Token(session, first.expiresAt(), false));
    }

    @Override
    public synchronized Exchange exchange(String presentedHash, RefreshToken replacement, Instant now) {
        Token token = tokens.get(presentedHash);
        if (token == null) {
            return new Exchange.Unknown();
        }
        Session session = sessions.get(token.session());
        if (session.revokedAt != null || !now.isBefore(token.expiresAt())) {
            return new Exchange.Ended(token.session());
        }
        if (token.used()) {
            return new Exchange.Reused(token.session(), session.user);
        }
        tokens.put(presentedHash, new Token(token.session(), token.expiresAt(), true));
        tokens.put(replacement.hash(), new Token(token.session(), replacement.expiresAt(), false));
        return new Exchange.Exchanged(token.session(), session.user);
    }

    @Override
    public synchronized boolean revoke(SessionId id, String reason, Instant now) {
        Session session = sessions.get(id);
        if (session == null || session.revokedAt != null) {
            return false;
        }
        session.revokedAt = now;
        return true;
    }

    @Override
    public synchronized List<SessionId> revokeAll(UserId user, String reason, Instant now) {
        List<SessionId> ended = new ArrayList<>();
        sessions.forEach((id, session) -> {
            if (session.user.equals(user) && session.revokedAt == null) {
                session.revokedAt = now;
                ended.add(id);
            }
        });
        return ended;
    }

    @Override
    public synchronized int forget(Instant expiredBefore, Instant revokedBefore) {
        int before = tokens.size() + sessions.size();
        tokens.values().removeIf(t -> t.expiresAt().isBefore(expiredBefore)
                || sessions.get(t.session()).revokedAt != null && sessions.get(t.session()).revokedAt.isBefore(revokedBefore));
        sessions.entrySet().removeIf(e -> e.getValue().revokedAt != null ? e.getValue().revokedAt.isBefore(revokedBefore)
                : tokens.values().stream().noneMatch(t -> t.session().equals(e.getKey())));
        return before - tokens.size() - sessions.size();
    }

    @Override
    public synchronized List<Revocation> revokedAfter(Instant since) {
        List<Revocation> found = new ArrayList<>();
        sessions.forEach((id, session) -> {
            if (session.revokedAt != null && session.revokedAt.isAfter(since)) {
                found.add(new Revocation(id, session.revokedAt));
            }
        });
        found.sort(Comparator.comparing(Revocation::revokedAt));
        return found;
    }
}
