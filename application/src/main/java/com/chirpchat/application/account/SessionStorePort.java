package com.chirpchat.application.account;

import java.time.Instant;
import java.util.List;

import com.chirpchat.domain.user.UserId;

/**
 * Login sessions and their refresh tokens, shared by every instance. Refresh tokens are kept only as hashes;
 * each is used once: exchanging it marks it used and stores its replacement, in one step.
 */
public interface SessionStorePort {
    /** Stores a new session with its first refresh token. */
    void start(SessionId session, UserId user, RefreshToken first, Instant now);

    /**
     * Exchanges the refresh token with hash {@code presentedHash} for {@code replacement}, in one step that
     * concurrent exchanges of the same token take in turns: only an unused, unexpired token of a session that is
     * not revoked is exchanged; otherwise nothing changes and the answer says what was found.
     */
    Exchange exchange(String presentedHash, RefreshToken replacement, Instant now);

    /** Ends the session (its refresh tokens stop working); false when it had ended already or does not exist. */
    boolean revoke(SessionId session, String reason, Instant now);

    /** Ends every live session of the user; returns those it ended. */
    List<SessionId> revokeAll(UserId user, String reason, Instant now);

    /** Sessions revoked after {@code since} (any instance's doing), oldest first. */
    List<Revocation> revokedAfter(Instant since);

    /**
     * Forgets what can no longer matter: refresh tokens expired before {@code expiredBefore} (used or not: past
     * its expiry a token is refused either way), sessions revoked before {@code revokedBefore} with their tokens,
     * and live sessions left without any token. Returns how many rows went.
     */
    int forget(Instant expiredBefore, Instant revokedBefore);

    /** A refresh token as stored: its hash and when it stops working. */
    record RefreshToken(String hash, Instant expiresAt) {
    }

    /** A session that ended, and when. */
    record Revocation(SessionId session, Instant revokedAt) {
    }

    /** What exchanging a refresh token found. */
    sealed interface Exchange {
        /** The token was current: it is used up now and the replacement is stored. */
        record Exchanged(SessionId session, UserId user) implements Exchange {
        }

        /** The token had been exchanged before: someone replays it (the session is still live until revoked). */
        record Reused(SessionId session, UserId user) implements Exchange {
        }

        /** The token's session is revoked, or the token expired. */
        record Ended(SessionId session) implements Exchange {
        }

        /** No such token. */
        record Unknown() implements Exchange {
        }
    }
}
